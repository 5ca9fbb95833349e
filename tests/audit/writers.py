"""Write audit entries from several threads at once, each thread on its own connection.

Run as a program against the database of TAIZHANG_DATABASE_URL (or TAIZHANG_HOME's SQLite):
``python tests/audit/writers.py THREADS TRANSACTIONS PER_TRANSACTION``. Every thread waits at a
barrier, then writes TRANSACTIONS transactions of PER_TRANSACTION entries (``record`` for one,
``record_many`` for more), each entry naming its thread, transaction and place. Prints a JSON
object: the errors met (none, when the chain is serialised).
"""

from __future__ import annotations

import json
import os
import sys
import threading


def main(threads: int, transactions: int, per_transaction: int) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from taizhang.audit.recorder import Change, record, record_many

    barrier = threading.Barrier(threads)
    errors: list[str] = []

    def work(thread: int) -> None:
        try:
            barrier.wait()
            for number in range(transactions):
                with transaction.atomic():
                    if per_transaction == 1:
                        record("test.write", "thread", thread, None, {"tx": number, "n": 0})
                    else:
                        record_many(
                            Change("test.write", "thread", thread, None, {"tx": number, "n": n})
                            for n in range(per_transaction)
                        )
        except Exception as error:  # reported to the test, which fails on any
            errors.append(f"thread {thread}: {error!r}")
        finally:
            connection.close()

    workers = [threading.Thread(target=work, args=(thread,)) for thread in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(json.dumps({"errors": errors}))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(*(int(argument) for argument in sys.argv[1:4])))
