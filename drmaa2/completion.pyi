import datetime
from typing import Iterable, Iterator, Optional, Union

from drmaa2.job import Job

def as_completed(jobs: Iterable[Job],
                 timeout: Optional[Union[int, float, datetime.timedelta]] = ...) -> Iterator[Job]: ...
