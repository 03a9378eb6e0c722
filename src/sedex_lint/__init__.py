"""sedex-lint: catch sedex Client operating-rule violations in Kubernetes manifests."""

__version__ = "0.1.0"
