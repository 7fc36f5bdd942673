"""policykg: Chinese industrial-policy articles to a knowledge graph."""

from policykg.errors import InputError, PolicyKGError

__version__ = "0.1.0"
__all__ = ["InputError", "PolicyKGError", "__version__"]
