# Runs /usr/bin/aws once per request, each in a child forked from this process, which has imported
# the CLI's modules once. A fresh `aws` spends about 0.5 s of its 0.85 s importing them, and the
# end-to-end tests make thousands of calls. The child runs the script itself (runpy), with the
# request's arguments, environment and output files, ends as the script ends, and the parent
# reports its pid and then its exit status.
#
# Protocol, one JSON object per line on stdin:
#   {"args": [...], "env": {...}, "stdout": path, "stderr": path}
# and for each, two lines on stdout: "started <pid>", then "exited <status>".
#
# Started by AwsCliForks as `python3 -c <this file> /usr/bin/aws` (python3: the script's own
# interpreter), with the AWS_DATA_PATH its requests share: awscli reads it once, on import.
import atexit
import json
import os
import random
import runpy
import sys
import threading

SCRIPT = sys.argv[1]  # /usr/bin/aws
sys.path[0] = os.path.dirname(SCRIPT)  # as when the script is run: its folder, not ours

import awscli.clidriver  # noqa: F401 (what /usr/bin/aws imports)

try:
    import awscli.handlers  # noqa: F401 (what each run's plugin loading imports, in 2.9)
except ImportError:
    pass  # another CLI version: its runs import their plugins themselves

DATA_PATH = os.environ["AWS_DATA_PATH"]  # the request's, with awscli's own data folder appended

requests = os.fdopen(os.dup(0), "r")
replies = os.fdopen(os.dup(1), "w")


def redirect(fd, path, flags):
    opened = os.open(path, flags, 0o600)
    os.dup2(opened, fd)
    os.close(opened)


def child(request):
    requests.close()
    replies.close()
    redirect(0, os.devnull, os.O_RDONLY)
    redirect(1, request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    redirect(2, request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ["AWS_DATA_PATH"] = DATA_PATH
    random.seed()  # a fresh process's own seed, not the parent's sequence
    sys.argv = [SCRIPT] + request["args"]
    os._exit(run_script())


def run_script():
    """Runs the script and ends as python3 ends a script, but for freeing its objects one by one:
    in a forked child that touches every page it shares with the parent, and took 0.27 s a run."""
    try:
        runpy.run_path(SCRIPT, run_name="__main__")
        status = 0
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            status = e.code or 0
        else:
            print(e.code, file=sys.stderr)
            status = 1
    except BaseException:
        sys.excepthook(*sys.exc_info())
        status = 1
    threading._shutdown()  # waits for the threads python3 waits for at exit
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    return status


for line in requests:
    request = json.loads(line)
    pid = os.fork()
    if pid == 0:
        child(request)
    print("started", pid, file=replies, flush=True)
    _, status = os.waitpid(pid, 0)
    print("exited", os.waitstatus_to_exitcode(status), file=replies, flush=True)
