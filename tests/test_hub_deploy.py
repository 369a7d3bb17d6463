"""The hub deployments as their own tools read them: the TLJH plugin through TLJH's hook
specifications (pluggy), the Zero to JupyterHub values merged over the chart's defaults and
validated against the chart's values schema (jsonschema). The references are the projects' own
files, kept outside the kit in ../shared/deploy-refs/.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib.util
import os
import pwd
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pluggy
import pytest
import yaml
from packaging.requirements import Requirement
from traitlets.config import Config

from conftest import REPO

sys.path.insert(0, str(REPO / "deploy" / "tljh"))
import tljh_qualkit

REFS = REPO.parent.parent / "shared" / "deploy-refs"
if not REFS.exists():  # a worktree under /work/wt, or the main checkout beside shared/
    REFS = REPO.parent / "shared" / "deploy-refs"
Z2JH = REPO / "deploy" / "z2jh"
pytestmark = pytest.mark.skipif(not REFS.exists(), reason=f"no deployment references at {REFS}")


# --- The Littlest JupyterHub -----------------------------------------------------------------


@pytest.fixture
def tljh():
    """TLJH's plugin manager, with TLJH's own hook specifications and our plugin registered."""
    spec = importlib.util.spec_from_file_location("tljh_hooks", REFS / "tljh" / "hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    manager = pluggy.PluginManager("tljh")
    manager.add_hookspecs(hooks)
    manager.register(tljh_qualkit)
    manager.check_pending()  # every hook we implement is one TLJH specifies, with its arguments
    return manager


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    path = tmp_path / "hub.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "repo": str(REPO),
                "graders": ["ines"],
                "students": ["ana", "bea"],
                "exchange": str(tmp_path / "exchange"),
                "grader_home": str(tmp_path / "grader"),
                "practice_groups": str(tmp_path / "practice-groups"),
            }
        )
    )
    monkeypatch.setenv(tljh_qualkit.CONFIG_ENV, str(path))
    return path


def test_plugin_implements_tljh_hooks(tljh):
    implemented = {hook.name for hook in tljh.hook.__dict__.values() if hook.get_hookimpls()}
    assert implemented == {
        "tljh_extra_user_pip_packages",
        "tljh_custom_jupyterhub_config",
        "tljh_post_install",
        "tljh_new_user_create",
    }


def test_user_packages_are_the_declared_environment_and_the_kit(tljh, settings_file):
    (packages,) = tljh.hook.tljh_extra_user_pip_packages()
    names = {Requirement(p).name for p in packages[:-1]}
    assert {"jupyterlab", "nbgrader", "ipywidgets", "matplotlib", "jupyterhub"} <= names
    assert packages[-1] == str(REPO)  # installed as a wheel: no key in it


def test_hub_config_is_nbgraders_documented_setup(tljh, settings_file):
    c = Config()
    tljh.hook.tljh_custom_jupyterhub_config(c=c)
    groups = c.JupyterHub.load_groups
    assert groups["formgrade-qualkit"]["users"] == ["ines", "grader-qualkit"]
    assert groups["nbgrader-qualkit"]["users"] == ["ana", "bea"]
    (service,) = c.JupyterHub.services
    assert service["name"] == "qualkit" and service["user"] == "grader-qualkit"
    assert service["environment"]["JUPYTER_CONFIG_PATH"].startswith(str(settings_file.parent))
    roles = {role["name"]: role for role in c.JupyterHub.load_roles}
    assert "access:services!service=qualkit" in roles["formgrade-qualkit"]["scopes"]
    assert roles["server"]["scopes"] == ["inherit"]


def test_hub_gives_a_practice_group_per_student_unless_told_the_key_is_public(tljh, settings_file):
    c = Config()
    tljh.hook.tljh_custom_jupyterhub_config(c=c)
    (service,) = c.JupyterHub.services
    secret = settings_file.parent / "grader" / "qualkit" / "build" / "grader" / "practice-secret"
    assert service["environment"]["QUALKIT_PRACTICE_SECRET_FILE"] == str(secret)
    groups = str(settings_file.parent / "practice-groups")
    assert c.Spawner.environment["QUALKIT_PRACTICE_GROUPS"] == groups  # students read theirs
    # Her group is found under nbgrader's name for her, her Unix account (TLJH: jupyter-<name>).
    server = SimpleNamespace(user=SimpleNamespace(name="ana"))
    assert c.Spawner.environment["QUALKIT_STUDENT"](server) == "ana"  # no tljh here: hub names
    settings = yaml.safe_load(settings_file.read_text())
    shared = "unsafe_shared_practice_groups_key_is_public"
    settings_file.write_text(yaml.safe_dump({**settings, shared: True}))
    c = Config()
    tljh.hook.tljh_custom_jupyterhub_config(c=c)
    (service,) = c.JupyterHub.services
    assert service["environment"][tljh_qualkit.SHARED_ENV] == "1"  # the grader's commands warn
    assert "QUALKIT_PRACTICE_SECRET_FILE" not in service["environment"]
    assert "QUALKIT_PRACTICE_GROUPS" not in c.Spawner.get("environment", {})
    settings_file.write_text(yaml.safe_dump({**settings, shared: "yes"}))
    with pytest.raises(ValueError, match=f"'{shared}' must be true or false"):
        tljh_qualkit.load_settings()


def test_hub_config_keeps_what_tljh_set_before(tljh, settings_file):
    c = Config()
    c.JupyterHub.services = [{"name": "cull-idle", "command": ["cull"]}]
    c.JupyterHub.load_roles = [{"name": "idle-culler", "services": ["cull-idle"]}]
    tljh.hook.tljh_custom_jupyterhub_config(c=c)
    assert [s["name"] for s in c.JupyterHub.services] == ["cull-idle", "qualkit"]
    assert c.JupyterHub.load_roles[0]["name"] == "idle-culler"


def test_bad_settings_name_the_file_and_the_key(tmp_path):
    path = tmp_path / "hub.yaml"
    path.write_text("graders: [ines]\nstudent: [ana]\n")
    with pytest.raises(ValueError, match=rf"{path}: unknown setting 'student'"):
        tljh_qualkit.load_settings(path)
    path.write_text("graders: ines\n")
    with pytest.raises(ValueError, match="'graders' must be a list of user names"):
        tljh_qualkit.load_settings(path)
    assert tljh_qualkit.load_settings(tmp_path / "missing.yaml") == tljh_qualkit.Settings()


@pytest.mark.hub
@pytest.mark.xdist_group("hub")
@pytest.mark.skipif(os.geteuid() != 0, reason="makes a Unix account: run as root")
def test_post_install_and_new_user_hooks_on_this_machine(
    tljh, settings_file, tmp_path, monkeypatch
):
    """As TLJH calls them after installing, and after creating an account at first login.

    A course of its own (its grader account too), so the hub test can run at the same time."""
    settings = yaml.safe_load(settings_file.read_text())
    settings_file.write_text(yaml.safe_dump({**settings, "course": "qkhook"}))
    monkeypatch.setattr(tljh_qualkit, "TLJH_USER_PREFIX", tmp_path / "user")
    student = "qk-hook-test"
    subprocess.run(["userdel", "--remove", student], capture_output=True)
    subprocess.run(["useradd", "--create-home", student], check=True)
    try:
        tljh.hook.tljh_post_install()
        tljh.hook.tljh_new_user_create(username=student)
        assert Path(pwd.getpwnam(student).pw_dir).stat().st_mode & 0o777 == 0o700
        grader = tmp_path / "grader"
        assert grader.stat().st_mode & 0o777 == 0o700
        assert grader.stat().st_uid == pwd.getpwnam("grader-qkhook").pw_uid
        assert (grader / "qkhook" / "lessons" / "00-orientation").is_dir()
        # A course secret by default, the grader's only, beside the gradebook (issue 26).
        secret = grader / "qkhook" / "build" / "grader" / "practice-secret"
        assert (
            secret.stat().st_mode & 0o777 == 0o600 and secret.parent.stat().st_mode & 0o777 == 0o700
        )
        assert secret.stat().st_uid == pwd.getpwnam("grader-qkhook").pw_uid
        assert (tmp_path / "practice-groups").stat().st_mode & 0o777 == 0o755
        assert (tmp_path / "exchange").stat().st_mode & 0o777 == 0o777
        shared = tmp_path / "user" / "etc" / "jupyter"
        assert "JupyterHubAuthPlugin" in (shared / "nbgrader_config.py").read_text()
        assert (shared / "validate_config.py").exists()
        for folder in (shared, grader / ".jupyter"):  # both compile as Python config
            compile((folder / "nbgrader_config.py").read_text(), "nbgrader_config.py", "exec")
    finally:
        subprocess.run(["userdel", "--remove", student], capture_output=True)
        subprocess.run(["userdel", "--remove", "grader-qkhook"], capture_output=True)


# --- Zero to JupyterHub ----------------------------------------------------------------------


def helm_merge(defaults: dict, values: dict) -> dict:
    """Helm's merge of user values over a chart's: maps merge, lists replace, null deletes."""
    merged = copy.deepcopy(defaults)
    for key, value in values.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


@pytest.fixture(scope="module")
def chart():
    defaults = yaml.safe_load((REFS / "z2jh" / "values.yaml").read_text())
    schema = yaml.safe_load((REFS / "z2jh" / "values.schema.yaml").read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    return defaults, validator


@pytest.fixture(scope="module")
def config():
    return yaml.safe_load((Z2JH / "config.yaml").read_text())


def test_config_merged_over_chart_defaults_is_valid(chart, config):
    defaults, validator = chart
    errors = sorted(validator.iter_errors(helm_merge(defaults, config)), key=str)
    assert not errors, "\n".join(f"{'.'.join(map(str, e.path))}: {e.message}" for e in errors)


def test_schema_check_can_fail(chart, config):
    """A misspelt key is caught, so the check above is not vacuous."""
    defaults, validator = chart
    broken = helm_merge(config, {"singleuser": {"defaultURL": "/lab"}})
    assert list(validator.iter_errors(helm_merge(defaults, broken)))


def test_roles_match_the_tljh_plugin(config):
    """One course setup, two deployments: the roles are the same as on TLJH."""
    c = Config()
    tljh_qualkit.configure_hub(c, tljh_qualkit.Settings())
    tljh_roles = {role.pop("name"): role for role in copy.deepcopy(c.JupyterHub.load_roles)}
    assert config["hub"]["loadRoles"] == tljh_roles
    groups = config["hub"]["config"]["JupyterHub"]["load_groups"]
    assert set(groups) == set(c.JupyterHub.load_groups)


def test_formgrader_and_volumes_fit_the_config(config):
    documents = {
        (d["kind"], d["metadata"]["name"]): d
        for name in ("formgrader.yaml", "exchange.yaml")
        for d in yaml.safe_load_all((Z2JH / name).read_text())
    }
    service = config["hub"]["services"]["qualkit"]
    port = documents[("Service", "qualkit-formgrader")]["spec"]["ports"][0]["port"]
    assert service["url"] == f"http://qualkit-formgrader:{port}"
    pod = documents[("Deployment", "qualkit-formgrader")]["spec"]["template"]["spec"]
    env = {e["name"]: e for e in pod["containers"][0]["env"]}
    assert env["JUPYTERHUB_SERVICE_NAME"]["value"] == "qualkit"
    assert env["JUPYTERHUB_CLIENT_ID"]["value"] == service["oauth_client_id"]
    assert env["JUPYTERHUB_OAUTH_CALLBACK_URL"]["value"] == service["oauth_redirect_uri"]
    secret = env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"]["key"]
    assert secret == "hub.services.qualkit.apiToken"  # the chart's key for this service
    claims = {v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"]}
    claims |= {
        v["persistentVolumeClaim"]["claimName"]
        for v in config["singleuser"]["storage"]["extraVolumes"]
    }
    assert claims <= {name for kind, name in documents if kind == "PersistentVolumeClaim"}
    exchange = documents[("PersistentVolumeClaim", "nbgrader-exchange")]
    assert exchange["spec"]["accessModes"] == ["ReadWriteMany"]
    mount = config["singleuser"]["storage"]["extraVolumeMounts"][0]["mountPath"]
    nbgrader = config["singleuser"]["extraFiles"]["nbgrader-hub"]["stringData"]
    compile(nbgrader, "nbgrader_config.py", "exec")
    assert f'c.Exchange.root = "{mount}"' in nbgrader


def test_lti_values_are_the_hubs_lti_settings(config):
    """custom.qualkitLti holds exactly the TLJH plugin's lti: keys; the hub's extra config
    that reads it compiles, and the modules it imports are the ones mounted."""
    from lti_launch import LtiConfig

    values = config["custom"]["qualkitLti"]
    assert set(values) <= {f.name for f in dataclasses.fields(LtiConfig)}
    assert LtiConfig.from_mapping({**values, "issuer": "https://lms.example"}, "config.yaml")
    code = config["hub"]["extraConfig"]["qualkit-lti"]
    compile(code, "qualkit-lti", "exec")
    mounted = {Path(f["mountPath"]).name for f in config["hub"]["extraFiles"].values()}
    assert mounted == {"qualkit_lti.py", "lti_launch.py"}
    assert all((REPO / "deploy" / "tljh" / name).exists() for name in mounted)


def test_lti_settings_on_tljh(tljh, settings_file):
    """With lti: in hub.yaml the hub logs in through the LMS, and the grader's service knows
    where the LTI settings are; a wrong key names the file."""
    settings = yaml.safe_load(settings_file.read_text())
    lti = {"issuer": "https://lms.example", "client_id": "c1", "deployment_id": "d1",
           "authorize_url": "https://lms.example/auth", "jwks_url": "https://lms.example/jwks",
           "token_url": "https://lms.example/token", "private_key_file": str(REFS / "key.pem")}  # fmt: skip
    settings_file.write_text(yaml.safe_dump({**settings, "lti": lti}))
    c = Config()
    tljh.hook.tljh_custom_jupyterhub_config(c=c)
    assert c.JupyterHub.authenticator_class.__name__ == "QualkitLTIAuthenticator"
    assert c.LTI13Authenticator.issuer == "https://lms.example"
    (service,) = c.JupyterHub.services
    assert service["environment"]["QUALKIT_LTI_CONFIG"].endswith("lti.json")
    assert "roster" in c.QualkitLTIAuthenticator.roster_command
    settings_file.write_text(yaml.safe_dump({**settings, "lti": {**lti, "clientid": "x"}}))
    with pytest.raises(ValueError, match=rf"{settings_file}: lti: unknown lti setting 'clientid'"):
        tljh.hook.tljh_custom_jupyterhub_config(c=Config())
