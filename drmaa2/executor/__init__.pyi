import concurrent.futures
from typing import Any, Callable, Dict, Iterable, Iterator, Optional, TypeVar, Union

import drmaa2

_T = TypeVar("_T")

OWNED_FIELDS: tuple
DEFAULT_WORK_DIR: str


class JobFailedError(Exception):
    job_info: Optional[drmaa2.JobInfo]
    error_tail: Optional[str]
    def __init__(self, message: str, job_info: Optional[drmaa2.JobInfo] = ...,
                 error_tail: Optional[str] = ...) -> None: ...


class TaskFuture(concurrent.futures.Future):
    job: drmaa2.Job
    @property
    def output_path(self) -> str: ...
    @property
    def error_path(self) -> str: ...


class JobExecutor(concurrent.futures.Executor):
    max_array_tasks: int
    def __init__(self, template: Union[drmaa2.JobTemplate, Dict[str, Any], None] = ...,
                 session: Optional[drmaa2.JobSession] = ..., work_dir: Optional[str] = ...,
                 python: Optional[str] = ...) -> None: ...
    @property
    def session(self) -> drmaa2.JobSession: ...
    @property
    def work_dir(self) -> str: ...
    def with_template(self, **fields: Any) -> "JobExecutor": ...
    def submit(self, fn: Callable[..., _T], *args: Any, **kwargs: Any) -> TaskFuture: ...
    def map(self, fn: Callable[..., _T], *iterables: Iterable[Any],
            timeout: Optional[float] = ..., chunksize: int = ...) -> Iterator[_T]: ...
    def shutdown(self, wait: bool = ..., cancel_futures: bool = ...) -> None: ...
