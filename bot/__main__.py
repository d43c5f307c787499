"""`python -m bot`: see bot.cli."""

import logging
import os
import sys

from bot.cli import main

status = main()
# The command is done and has closed what it opened. Tearing the interpreter down would free every object one
# by one (a question's snapshot of thousands of facts, SQLAlchemy's modules), which took longer than answering
# the question did: once the output is flushed, the process ends at once (unless a profiler or a coverage
# tracer is watching: it writes its report at the interpreter's exit).
if sys.getprofile() is not None or sys.gettrace() is not None:
    sys.exit(status)
try:
    sys.stdout.flush()
    sys.stderr.flush()
except BrokenPipeError:  # the reader went away (`... | head`); nothing left to say to anyone
    status = status or 1
logging.shutdown()
os._exit(status)
