"""Settings JupyterLab reads from the environment: no news pop-up over the lessons.

JupyterLab 4 asks on first load whether to fetch Jupyter news; the toast covers the notebook
and every screenshot. ``overrides.json`` in the environment turns the question off.
Usage: python tools/lab_settings.py VENV_DIR
"""

import json
import sys
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    }
}

if __name__ == "__main__":
    settings = Path(sys.argv[1]) / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps(OVERRIDES, indent=2) + "\n")
