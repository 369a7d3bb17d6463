"""qualkit.matrices gathers the analyses of tables, frequencies, framework and retrieval."""

import qualkit.framework
import qualkit.frequencies
import qualkit.retrieval
import qualkit.tables
from qualkit import matrices


def test_matrices_re_exports_the_analyses():
    for name in matrices.__all__:
        homes = (qualkit.tables, qualkit.frequencies, qualkit.framework, qualkit.retrieval)
        assert any(getattr(home, name, None) is getattr(matrices, name) for home in homes), name
