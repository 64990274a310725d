"""Run by KafkaPythonReaderTest: kafka-python, as Aiven's tutorial and the kafka-python notes install it (no codec extras; here Debian's
python3-kafka), reads the readings topic as a member of a consumer group and commits.

Arguments: bootstrap servers, topic, group id, how many records to read.
Prints one JSON object.
"""
import json
import sys

from kafka import KafkaConsumer


def main(bootstrap, topic, group, expected):
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=group, auto_offset_reset='earliest',
                             enable_auto_commit=False, consumer_timeout_ms=30000)
    values = []
    for message in consumer:
        values.append(message.value)
        if len(values) >= expected:
            break
    consumer.commit()
    consumer.close()
    print(json.dumps({
        'count': len(values),
        'confluentFramed': sum(1 for v in values if v is not None and len(v) > 5 and v[0] == 0),
    }))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
