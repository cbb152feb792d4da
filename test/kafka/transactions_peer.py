"""Independent transactional writer for the tests: librdkafka through Python's confluent-kafka.

usage: transactions_peer.py BOOTSTRAP TOPIC TRANSACTIONAL_ID < plan.json

The plan is a JSON list of steps run in order; each is {"kind": "commit" | "abort" | "plain",
"records": [{"partition", "timestamp", "key", "value", "headers": [[name, value], ...]}]} with key,
value and header values as hex or null. "commit" and "abort" send their records in one transaction
of the transactional producer (flushed before an abort, so the aborted records are in the log);
"plain" sends them with a second, non-transactional producer. Prints one line per step.
"""

import json
import sys

from confluent_kafka import Producer


def unhex(text):
    return None if text is None else bytes.fromhex(text)


def send(producer, topic, records):
    for r in records:
        headers = [(name, unhex(value)) for name, value in r.get("headers", [])]
        producer.produce(
            topic,
            key=unhex(r["key"]),
            value=unhex(r["value"]),
            partition=r["partition"],
            timestamp=r["timestamp"],
            headers=headers,
        )


def main():
    bootstrap, topic, transactional_id = sys.argv[1:4]
    plan = json.load(sys.stdin)
    common = {"bootstrap.servers": bootstrap, "linger.ms": 20, "acks": "all"}
    tx = Producer({**common, "transactional.id": transactional_id})
    plain = Producer(common)
    tx.init_transactions(30)
    for index, step in enumerate(plan):
        if step["kind"] == "plain":
            send(plain, topic, step["records"])
            if plain.flush(30) != 0:
                raise SystemExit(f"step {index}: plain records not delivered")
        else:
            tx.begin_transaction()
            send(tx, topic, step["records"])
            if tx.flush(30) != 0:
                raise SystemExit(f"step {index}: transactional records not delivered")
            if step["kind"] == "commit":
                tx.commit_transaction(30)
            else:
                tx.abort_transaction(30)
        print(f"{index} {step['kind']} {len(step['records'])}", flush=True)


if __name__ == "__main__":
    main()
