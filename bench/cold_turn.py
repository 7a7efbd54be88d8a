"""One cold start, run as a fresh process under the Lambda Python (``python3.12 -S``).

``python3.12 -S cold_turn.py ours|floor EVENT.json`` with ``PYTHONPATH`` set to the precompiled
tree. Prints one JSON line: seconds to import the handler module, seconds for import + the first
turn, peak resident memory, and the DynamoDB operations made.

* ``ours``: ``import skill.app`` then ``lambda_handler(event)`` with the store configured from the
  environment (``STEADYHEART_STORE=dynamodb:TABLE``, DynamoDB Local's endpoint): the skill builds
  its DynamoDB client and reads the profile on this turn.
* ``floor``: the bare ask-sdk-core hello skill plus boto3 (``bench.hello_skill``): import, build a
  DynamoDB client, one GetItem, then the hello skill's turn.

Only the standard library is imported before the clock starts (``json``, ``os``, ``sys``, ``time``
and ``resource``, the same for both).
"""

import json
import os
import resource
import sys
import time

CALLS: list[str] = []


def peak_kb() -> int:
    """Peak resident memory of this process image. ``ru_maxrss`` would be wrong here: Linux
    keeps it across ``execve``, so it reports the forking parent's size when that was larger.
    ``VmHWM`` belongs to the new address space."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def count_calls() -> None:
    """Not timed: record every AWS operation (patched in before the clock starts)."""
    from botocore.client import BaseClient

    original = BaseClient._make_api_call

    def counted(self: object, operation: str, params: object) -> object:
        CALLS.append(operation)
        return original(self, operation, params)

    BaseClient._make_api_call = counted


def main() -> None:
    which, event_path = sys.argv[1], sys.argv[2]
    if len(sys.argv) > 3 and sys.argv[3] == "--count-calls":
        count_calls()
    with open(event_path, encoding="utf-8") as f:
        event = json.load(f)
    key = json.loads(os.environ.get("BENCH_KEY", "{}"))
    t0 = time.perf_counter()
    if which == "ours":
        import skill.app as module

        t_import = time.perf_counter()
        out = module.lambda_handler(event, None)
        t_turn = time.perf_counter()
    else:
        import bench.hello_skill as module

        t_import = time.perf_counter()
        client = module.dynamodb_client()
        client.get_item(TableName=module.TABLE, Key=key)
        out = module.lambda_handler(event, None)
        t_turn = time.perf_counter()
    speech = out.get("response", {}).get("outputSpeech")
    if not speech:
        raise SystemExit(f"no speech in the reply: {out}")
    print(
        json.dumps(
            {
                "import_s": t_import - t0,
                "turn_s": t_turn - t0,
                "maxrss_kb": peak_kb(),
                "modules": sorted(m for m in ("pydantic", "yaml", "dateutil") if m in sys.modules),
                "calls": CALLS,
            }
        )
    )


main()
