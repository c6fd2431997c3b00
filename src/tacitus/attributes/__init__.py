"""The attributes stage: when (``dates``) and where (``places``) each event happened."""

from tacitus.attributes import dates, places

__all__ = ["dates", "places"]
