"""The hash setting stops taizhang at start-up when it cannot be honoured."""

from __future__ import annotations

import subprocess
import sys

from tests.support.cli import run_taizhang

#: Starts taizhang as its console script does, on a Python whose OpenSSL lacks SM3.
WITHOUT_SM3 = """
import hashlib, sys
real_new = hashlib.new
def new(name, *args, **kwargs):
    if name.lower() == "sm3":
        raise ValueError("unsupported hash type sm3")
    return real_new(name, *args, **kwargs)
hashlib.new = new
from taizhang.cli import main
sys.argv = ["taizhang", *sys.argv[1:]]
main()
"""


def test_an_unknown_hash_is_a_configuration_error(cli_env) -> None:
    result = run_taizhang("audit", "verify", env=dict(cli_env, TAIZHANG_AUDIT_HASH="md5"))
    assert result.returncode == 2
    assert "TAIZHANG_AUDIT_HASH='md5' is not valid: use one of sha256, sm3" in result.stderr


def test_sm3_where_openssl_lacks_it_stops_start_up_with_what_to_do(cli_env) -> None:
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_SM3, "check"],
        env=dict(cli_env, TAIZHANG_AUDIT_HASH="sm3"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "configuration error: TAIZHANG_AUDIT_HASH='sm3' is not valid" in result.stderr
    assert "does not offer SM3" in result.stderr
    assert "set TAIZHANG_AUDIT_HASH=sha256" in result.stderr
    assert "Traceback" not in result.stderr


def test_sm3_where_openssl_has_it_starts(cli_env) -> None:
    result = run_taizhang("check", env=dict(cli_env, TAIZHANG_AUDIT_HASH="sm3"))
    assert result.returncode == 0, result.stderr
