"""Calls to an OpenAI-compatible endpoint: instructor for structure and reasks, tenacity for
transient failures. openai's own retries are off, so the two never multiply."""

from __future__ import annotations

import email.utils
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx2
import instructor
import openai
from instructor.core.exceptions import (
    IncompleteOutputException,
    InstructorError,
    InstructorRetryException,
    ResponseParsingError,
)
from pydantic import BaseModel, ValidationError
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    retry_if_exception_type,
    stop_after_attempt,
)
from tenacity.stop import stop_base
from tenacity.wait import wait_random_exponential

from summarize.backends.openai.pricing import cost
from summarize.backends.openai.transport import CappedTransport, ReplyTooLargeError
from summarize.config import Settings
from summarize.errors import BackendError, ConfigError
from summarize.models import Usage

T = TypeVar("T", bound=BaseModel)

_MODES = {
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "json_schema": instructor.Mode.JSON_SCHEMA,
}
_MAX_RETRY_AFTER = 60.0

# Requests in flight to one endpoint and model, across every document and part of this
# process: `--jobs` times a document's parts never exceeds SUMMARIZE_CONCURRENCY.
_slots: dict[tuple[str, str, int], threading.BoundedSemaphore] = {}
_slots_lock = threading.Lock()


def _in_flight(settings: Settings) -> threading.BoundedSemaphore:
    key = (settings.base_url or "openai", settings.model or "", settings.concurrency)
    with _slots_lock:
        if key not in _slots:
            _slots[key] = threading.BoundedSemaphore(settings.concurrency)
        return _slots[key]


@dataclass
class Accounting:
    """Calls, reasks, tokens and time spent for one document; safe across threads."""

    calls: int = 0
    reasks: int = 0
    retries: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cache_hits: int = 0
    seconds: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def response(self, completion: Any) -> None:
        usage = getattr(completion, "usage", None)
        with self._lock:
            self.calls += 1
            if usage is not None:
                self.tokens_in += int(getattr(usage, "prompt_tokens", 0) or 0)
                self.tokens_out += int(getattr(usage, "completion_tokens", 0) or 0)

    def failed_request(self, *_: object, **__: object) -> None:
        """A request that got an error instead of a completion still went out."""
        with self._lock:
            self.calls += 1

    def add(self, **counts: float) -> None:
        with self._lock:
            for name, value in counts.items():
                setattr(self, name, getattr(self, name) + value)

    def usage(self, model: str, prices: dict[str, tuple[float, float]]) -> Usage:
        return Usage(
            calls=self.calls,
            reasks=self.reasks,
            retries=self.retries,
            tokens_in=self.tokens_in,
            tokens_out=self.tokens_out,
            cache_hits=self.cache_hits,
            model_seconds=round(self.seconds, 4),
            cost_usd=cost(model, self.tokens_in, self.tokens_out, prices),
        )


def _cause(exc: BaseException) -> BaseException:
    """The API error behind instructor's wrapper, if any."""
    if isinstance(exc, InstructorRetryException) and exc.__cause__ is not None:
        return exc.__cause__
    return exc


def is_transient(exc: BaseException) -> bool:
    """Worth another try: connection trouble, timeouts, 408/409/429 and 5xx."""
    cause = _cause(exc)
    if isinstance(cause, openai.APIConnectionError):  # includes timeouts
        return True
    if isinstance(cause, openai.APIStatusError):
        return cause.status_code in (408, 409, 429) or cause.status_code >= 500
    return False


def _retry_after(exc: BaseException) -> float | None:
    cause = _cause(exc)
    if not isinstance(cause, openai.APIStatusError):
        return None
    headers = cause.response.headers
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time()) if when else None


class _Wait:
    """The server's Retry-After when it gives one, else exponential backoff with jitter."""

    def __init__(self, backoff: float) -> None:
        self.fallback = wait_random_exponential(multiplier=backoff, max=30)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        after = _retry_after(exc) if exc else None
        if after is not None:
            return min(after, _MAX_RETRY_AFTER)
        return float(self.fallback(state))


def describe(exc: BaseException, settings: Settings) -> str:
    """A one-line reason for an API failure; never contains the API key."""
    cause = _cause(exc)
    where = settings.endpoint
    if isinstance(cause, ReplyTooLargeError):
        text = str(cause)
    elif isinstance(cause, openai.APITimeoutError):
        text = f"no whole answer from {where} within {settings.timeout:g} s"
    elif isinstance(cause, openai.APIConnectionError):
        text = f"cannot reach {where}"
    elif isinstance(cause, openai.AuthenticationError):
        text = "authentication failed (401): check SUMMARIZE_API_KEY"
    elif isinstance(cause, openai.PermissionDeniedError):
        text = "permission denied (403)"
    elif isinstance(cause, openai.NotFoundError):
        text = f"not found (404): is the model {settings.model!r} served at {where}?"
    elif isinstance(cause, openai.BadRequestError):
        message = str(getattr(cause, "message", cause))
        if "context" in message.lower() and "length" in message.lower():
            text = (
                "the request is longer than the model's context (400); lower SUMMARIZE_CHUNK_TOKENS"
            )
        else:
            text = f"request rejected (400): {message[:200]}"
    elif isinstance(cause, openai.RateLimitError):
        text = "rate limited (429)"
    elif isinstance(cause, openai.APIStatusError):
        text = f"server error ({cause.status_code})"
    else:
        text = f"{type(cause).__name__}: {str(cause)[:200]}"
    key = settings.api_key.get_secret_value() if settings.api_key else ""
    return text.replace(key, "***") if key else text


def _first_error(error: BaseException) -> str:
    """The first validation message, as a person reads it."""
    if isinstance(error, ValidationError) and error.errors():
        return str(error.errors()[0]["msg"]).removeprefix("Value error, ")[:200]
    return str(error).splitlines()[0][:200] if str(error) else type(error).__name__


class InvalidOutputError(BackendError):
    """The model's answer never passed validation; `last_answer` is what it last said."""

    def __init__(self, reason: str, *, last_answer: str) -> None:
        super().__init__("openai", reason)
        self.last_answer = last_answer


def _failure(exc: BaseException, settings: Settings) -> BackendError:
    unreachable = isinstance(_cause(exc), openai.APIConnectionError)  # timeouts included
    return BackendError("openai", describe(exc, settings), unreachable=unreachable)


def _raw_output(completion: Any) -> str:
    """The JSON text a completion carries, in a tool call or in the message content."""
    message = completion.choices[0].message
    if message.tool_calls:
        return str(message.tool_calls[0].function.arguments)
    content = str(message.content or "").strip()
    if content.startswith("```"):
        content = content.strip("`").removeprefix("json").strip()
    return content


TOOLS_AS_TEXT = (
    "the server returned the model's tool call as text, not as a tool call (this model or"
    " server does not do tool calling): use --mode json_schema (or json)"
)
# What instructor asks again for: an answer that does not parse or validate.
_PARSE_ERRORS = (ValidationError, json.JSONDecodeError, ResponseParsingError)


class _Flagged(stop_base):
    """Stops retrying once `flag[0]` is set."""

    def __init__(self, flag: list[bool]) -> None:
        self.flag = flag

    def __call__(self, retry_state: RetryCallState) -> bool:
        return self.flag[0]


def text_instead_of_call(completion: Any) -> str:
    """A tools-mode answer's text when it carries no tool call ("" when it does)."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError):
        return ""
    if getattr(message, "tool_calls", None):
        return ""
    return str(message.content or "").strip()


def _looks_like_call(text: str, tool: str) -> bool:
    if tool in text:
        return True
    body = text.strip("`").removeprefix("json").strip()
    try:
        return isinstance(json.loads(body), dict)
    except ValueError:
        return False


class ModelClient:
    """One configured endpoint and model."""

    def __init__(self, settings: Settings) -> None:
        if not settings.model:
            raise ConfigError("the openai backend needs a model: set SUMMARIZE_MODEL or --model")
        if settings.api_key is None and settings.base_url is None:
            raise ConfigError(
                "the OpenAI API needs a key: set SUMMARIZE_API_KEY (or OPENAI_API_KEY), "
                "or point SUMMARIZE_BASE_URL at a local server"
            )
        self.settings = settings
        self.model = settings.model
        key = settings.api_key.get_secret_value() if settings.api_key else "unused"
        transport = CappedTransport(settings.max_reply_bytes, settings.timeout)
        self._client = openai.OpenAI(
            base_url=settings.base_url,
            api_key=key,
            timeout=settings.timeout,
            max_retries=0,  # tenacity below is the one retry layer
            http_client=httpx2.Client(transport=transport, timeout=settings.timeout),
        )

    def structured(
        self,
        response_model: type[T],
        system: str,
        user: str,
        context: dict[str, Any] | None,
        accounting: Accounting,
        keep_invalid: bool = False,
    ) -> tuple[T, bool]:
        """The model's answer, validated, and True. An answer still invalid when the reasks run
        out raises InvalidOutputError carrying it, unless the caller opts in with
        `keep_invalid`: then it comes as it last came, with False (a briefing's claims then fail
        verification, visibly)."""
        settings = self.settings
        client = instructor.from_openai(self._client, mode=_MODES[settings.mode])
        as_text = [False]  # tools mode, and the model writes its call as text
        texts = [0]

        def response(completion: Any) -> None:
            accounting.response(completion)
            if settings.mode == "tools" and (text := text_instead_of_call(completion)):
                # A call written out (JSON, or naming the tool), or text twice: no tool calling.
                texts[0] += 1
                if texts[0] >= 2 or _looks_like_call(text, response_model.__name__):
                    as_text[0] = True

        client.on("completion:response", response)
        # Reasks stop at once when a tool call came as text: asking again would get more text.
        reasks = Retrying(
            stop=stop_after_attempt(settings.max_reasks + 1) | _Flagged(as_text),
            retry=retry_if_exception_type(_PARSE_ERRORS),
            reraise=True,
        )
        client.on("completion:error", accounting.failed_request)
        parse_errors = [0]
        last_error: list[BaseException] = []

        def parse_error(error: BaseException, *_a: object, **_k: object) -> None:
            parse_errors[0] += 1
            last_error[:] = [error]

        client.on("parse:error", parse_error)
        retrying = Retrying(
            stop=stop_after_attempt(settings.max_retries + 1),
            wait=_Wait(settings.backoff),
            retry=retry_if_exception(is_transient),
            reraise=True,
        )
        # A small model can loop inside a JSON string until its context is full: a cap on its
        # answer makes that a reask in seconds instead of a timeout in minutes.
        limit: dict[str, Any] = (
            {"max_tokens": settings.max_output_tokens} if settings.max_output_tokens else {}
        )
        started = time.perf_counter()
        try:
            for attempt in retrying:
                with attempt:
                    if attempt.retry_state.attempt_number > 1:
                        accounting.add(retries=1)
                    parse_errors[0] = 0
                    with _in_flight(settings):
                        result = client.chat.completions.create(
                            model=self.model,
                            response_model=response_model,
                            messages=[
                                {"role": "system", "content": system},
                                {"role": "user", "content": user},
                            ],
                            max_retries=reasks,
                            context=context,
                            temperature=settings.temperature,
                            **limit,
                        )
                    accounting.add(reasks=parse_errors[0])
                    return result, True
        except InstructorRetryException as exc:
            if is_transient(exc) or isinstance(_cause(exc), openai.OpenAIError):
                raise _failure(exc, settings) from None
            if as_text[0]:
                raise BackendError("openai", TOOLS_AS_TEXT) from None
            accounting.add(reasks=max(0, parse_errors[0] - 1))
            if not keep_invalid:
                last = _raw_output(exc.last_completion) if exc.last_completion else ""
                why = _first_error(last_error[0]) if last_error else "unparseable"
                raise InvalidOutputError(
                    f"the model's answer was still invalid after {exc.n_attempts} attempts ({why})",
                    last_answer=last,
                ) from None
            return self._recover(response_model, exc), False
        except IncompleteOutputException:
            if as_text[0]:
                raise BackendError("openai", TOOLS_AS_TEXT) from None
            cap = settings.max_output_tokens
            raise BackendError(
                "openai",
                f"the model's answer was cut off at its {cap or 'server'} token limit before the"
                " JSON ended (raise SUMMARIZE_MAX_OUTPUT_TOKENS, or lower --max-claims)",
            ) from None
        except openai.OpenAIError as exc:
            raise _failure(exc, settings) from None
        except InstructorError as exc:  # instructor's own failures, one line like the others
            raise BackendError("openai", _first_error(exc)) from None
        finally:
            accounting.add(seconds=time.perf_counter() - started)
        raise BackendError("openai", "no attempt was made")  # unreachable: stop >= 1 attempt

    def _recover(self, response_model: type[T], exc: InstructorRetryException) -> T:
        if exc.last_completion is None:
            raise BackendError("openai", f"no usable answer after {exc.n_attempts} attempts")
        try:
            return response_model.model_validate_json(_raw_output(exc.last_completion))
        except (ValidationError, ValueError, json.JSONDecodeError, IndexError, AttributeError):
            raise BackendError(
                "openai",
                f"the model's output was still not valid after {exc.n_attempts} attempts",
            ) from None
