"""Find the CPython interpreters the repo's scripts need, without hard-coded paths.

For version X.Y the search order is:
  1. the environment variable PYVM_PYTHON3Y (e.g. PYVM_PYTHON310=/opt/py/bin/python3.10),
  2. $(pyenv root)/versions/X.Y.*/bin/pythonX.Y (newest patch release first),
  3. pythonX.Y on PATH.
"""

import glob
import os
import re
import shutil
import subprocess
import sys

VERSIONS = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]


def _pyenv_root():
    root = os.environ.get("PYENV_ROOT")
    if root:
        return root
    try:
        out = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        home = os.path.expanduser("~/.pyenv")
        return home if os.path.isdir(home) else None


def _patch_key(path):
    m = re.search(r"/versions/\d+\.\d+\.(\d+)", path)
    return int(m.group(1)) if m else -1


def find_python(version, required=True):
    """Return the path of a CPython `version` ("3.10") interpreter, or None."""
    env = "PYVM_PYTHON" + version.replace(".", "")
    if os.environ.get(env):
        return os.environ[env]
    root = _pyenv_root()
    if root:
        cands = glob.glob(os.path.join(root, "versions", version + ".*", "bin", "python" + version))
        cands = [c for c in cands if re.search(r"/versions/\d+\.\d+\.\d+/", c)]
        if cands:
            return max(cands, key=_patch_key)
    found = shutil.which("python" + version)
    if found:
        return found
    if required:
        sys.exit(f"error: CPython {version} not found; set {env} or install it with pyenv")
    return None
