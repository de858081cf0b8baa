"""The openai backend; the only place that imports `openai` and `instructor`."""

from summarize.backends.openai.backend import OpenAIBackend

__all__ = ["OpenAIBackend"]
