"""The shipped balancer configurations are what deploy/balancer.py generates, and HAProxy accepts them."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name,args", [
    ("haproxy.cfg", []),
    ("haproxy-compose.cfg", ["--listen", "0.0.0.0:8500", "--replica", "app1:8501", "--replica", "app2:8501"]),
])
def test_shipped_config_is_generated_and_valid(name, args):
    out = subprocess.run([sys.executable, str(REPO / "deploy" / "balancer.py"), *args], capture_output=True, text=True,
                         check=True).stdout
    assert out == (REPO / "deploy" / name).read_text(encoding="utf-8")
    assert "cookie GEOSRV insert" in out and "option redispatch" in out and "/_stcore/health" in out
    if shutil.which("haproxy"):
        assert subprocess.run(["haproxy", "-c", "-f", str(REPO / "deploy" / name)], capture_output=True).returncode == 0
