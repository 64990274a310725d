"""Run by ConfluentClientsInteropTest: Confluent's Python client (confluent-kafka 1.7.0 from Debian, the version
Hopsworks' Kafka guide (2021) uses) against our registry and a real broker.

Arguments: registry URL, bootstrap servers, topic our Java producer wrote one Order to, topic to produce to.
Prints one JSON object.
"""
import json
import sys

import avro.schema
from confluent_kafka.avro import AvroConsumer, AvroProducer, CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient

ORDER = ('{"type":"record","name":"Order","fields":[{"name":"orderId","type":"string"},'
         '{"name":"amountCents","type":"int"},{"name":"note","type":["null","string"],"default":null}]}')


def main(url, bootstrap, ours_topic, theirs_topic):
    # The guide's registry client: it sends application/vnd.schemaregistry.v1+json.
    registry = SchemaRegistryClient({'url': url})
    subject = ours_topic + '-value'
    latest = registry.get_latest_version(subject)
    v2 = json.loads(ORDER)
    v2['fields'].append({'name': 'currency', 'type': 'string', 'default': 'EUR'})
    required = json.loads(ORDER)
    required['fields'].append({'name': 'currency', 'type': 'string'})

    # Confluent's Python Avro serializer (the avro-library one; the fastavro one is not packaged by Debian).
    serializer = MessageSerializer(CachedSchemaRegistryClient({'url': url}))
    theirs = serializer.encode_record_with_schema(theirs_topic, avro.schema.parse(ORDER),
                                                  {'orderId': 'o-1', 'amountCents': 1234, 'note': None})

    producer = AvroProducer({'bootstrap.servers': bootstrap, 'schema.registry.url': url},
                            default_value_schema=avro.schema.parse(ORDER))
    producer.produce(topic=theirs_topic, value={'orderId': 'o-2', 'amountCents': 99, 'note': 'from python'})
    if producer.flush(30) != 0:
        raise RuntimeError('the Python producer could not deliver within 30 s')

    consumer = AvroConsumer({'bootstrap.servers': bootstrap, 'schema.registry.url': url,
                             'group.id': 'python-interop', 'auto.offset.reset': 'earliest'})
    consumer.subscribe([ours_topic])
    decoded = None
    for _ in range(300):
        message = consumer.poll(0.1)
        if message is not None and message.error() is None:
            decoded = message.value()
            break
    consumer.close()

    print(json.dumps({
        'theirsHex': theirs.hex(),
        'decoded': decoded,
        'latestId': latest.schema_id,
        'latestVersion': latest.version,
        'registeredAgain': registry.register_schema(subject, Schema(ORDER, 'AVRO')),
        'compatibility': registry.get_compatibility(),
        'compatibleV2': registry.test_compatibility(subject, Schema(json.dumps(v2), 'AVRO')),
        'compatibleRequired': registry.test_compatibility(subject, Schema(json.dumps(required), 'AVRO')),
    }))


if __name__ == '__main__':
    main(*sys.argv[1:5])
