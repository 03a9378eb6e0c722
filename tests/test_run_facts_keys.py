"""SDX021 and SDX023 keep, of every ConfigMap and Secret of a run, only the keys that can
give a variable they look at under some `envFrom` prefix."""

from __future__ import annotations

import pytest

from sedex_lint.checks import init_vars_consistent
from sedex_lint.checks.run_facts import INIT_VARIABLES, watched_key
from sedex_lint.checks.secret_literal_env import CREDENTIALS, is_credential

NAMES = sorted(CREDENTIALS | INIT_VARIABLES | {"DB_PASSWORD", "X_PW", "proxy_password"})


def test_the_init_variables_are_those_sdx023_looks_at() -> None:
    assert init_vars_consistent._NAMES <= INIT_VARIABLES


@pytest.mark.parametrize("name", NAMES)
def test_every_key_that_a_prefix_turns_into_a_watched_name_is_kept(name: str) -> None:
    for cut in range(len(name)):
        prefix, key = name[:cut], name[cut:]
        assert is_credential(prefix + key) or prefix + key in INIT_VARIABLES
        assert watched_key(key), (prefix, key)


@pytest.mark.parametrize(
    "key", ["LOG_LEVEL", "application.yaml", "FEATURE_FLAGS", "PASSWORD_HINT", "PWD"]
)
def test_keys_no_prefix_can_turn_into_a_watched_name_are_dropped(key: str) -> None:
    assert not watched_key(key)
    assert not any(is_credential(p + key) or p + key in INIT_VARIABLES for p in ("", "A_", "X"))
