"""Packaging for drmaa2, the Python binding of the DRMAA version 2 C API."""
import io
import os
import re

from setuptools import find_packages, setup

HERE = os.path.abspath(os.path.dirname(__file__))


def read(*parts):
    with io.open(os.path.join(HERE, *parts), encoding="utf-8") as handle:
        return handle.read()


def version():
    match = re.search(r'^__version__ = "([^"]+)"', read("drmaa2", "_version.py"), re.M)
    return match.group(1)


setup(
    name="drmaa2",
    version=version(),
    description="Python binding of DRMAA version 2: submit and control jobs on cluster schedulers",
    long_description=read("README.md"),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    packages=find_packages(include=["drmaa2", "drmaa2.*"]),
    package_data={"drmaa2": ["py.typed", "*.pyi", "*/*.pyi"]},
    entry_points={"console_scripts": ["drmaa2 = drmaa2.__main__:main"]},
    python_requires=">=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*, !=3.5.*",
    install_requires=["six", "enum34; python_version < '3.4'",
                      # drmaa2.executor's concurrent.futures, backported to Python 2.7
                      "futures; python_version < '3'"],
    # pip install drmaa2[executor]: the executor also sends functions of __main__,
    # lambdas and closures (by value, with cloudpickle).
    extras_require={"executor": ["cloudpickle"]},
    classifiers=[
        "Development Status :: 4 - Beta",
        "Intended Audience :: Science/Research",
        "Operating System :: POSIX",
        "Programming Language :: Python :: 2.7",
        "Programming Language :: Python :: 3",
        "Topic :: System :: Distributed Computing",
    ],
)
