"""Run by RestProxyInteropTest: the REST proxy against Confluent's Python client (confluent-kafka 1.7.0 from
Debian), the Karapace tutorial's tool, with our registry and a real broker.

Arguments: REST proxy URL, registry URL, bootstrap servers, topic to produce to over REST, topic to produce to
with AvroProducer. Prints one JSON object: what each side wrote and what the other side read.
"""
import json
import sys
import time

import avro.schema
import requests
from confluent_kafka.avro import AvroConsumer, AvroProducer

READING = ('{"type":"record","name":"Reading","namespace":"interop","fields":[{"name":"sensorId","type":"string"},'
           '{"name":"value","type":"double"},{"name":"timestamp","type":"long"},'
           '{"name":"unit","type":["null","string"],"default":null}]}')
KEY = '"string"'
V2 = 'application/vnd.kafka.v2+json'
AVRO = 'application/vnd.kafka.avro.v2+json'
VALUES = [{'sensorId': 'sensor-%d' % i, 'value': 20.5 + i, 'timestamp': 1700000000000 + i,
           'unit': None if i == 0 else 'C'} for i in range(3)]


def produced_over_rest(proxy, topic):
    """POST /topics/{topic} in the avro embedded format, a key and a value schema given inline."""
    body = {'key_schema': KEY, 'value_schema': READING,
            'records': [{'key': v['sensorId'], 'value': avro_json(v)} for v in VALUES]}
    answer = requests.post(proxy + '/topics/' + topic, data=json.dumps(body), headers={'Content-Type': AVRO})
    answer.raise_for_status()
    return answer.json()


def avro_json(value):
    """A value in Avro's JSON encoding, which the v2 API speaks: a union's branch is named."""
    encoded = dict(value)
    encoded['unit'] = None if value['unit'] is None else {'string': value['unit']}
    return encoded


def read_by_avro_consumer(bootstrap, registry, topic):
    consumer = AvroConsumer({'bootstrap.servers': bootstrap, 'schema.registry.url': registry,
                             'group.id': 'rest-proxy-interop', 'auto.offset.reset': 'earliest'})
    consumer.subscribe([topic])
    read = []
    deadline = time.time() + 60
    while len(read) < len(VALUES) and time.time() < deadline:
        message = consumer.poll(0.2)
        if message is not None and message.error() is None:
            read.append({'key': message.key(), 'value': message.value()})
    consumer.close()
    return read


def produce_with_avro_producer(bootstrap, registry, topic):
    producer = AvroProducer({'bootstrap.servers': bootstrap, 'schema.registry.url': registry},
                            default_key_schema=avro.schema.parse(KEY), default_value_schema=avro.schema.parse(READING))
    for value in VALUES:
        producer.produce(topic=topic, key=value['sensorId'], value=value)
    if producer.flush(30) != 0:
        raise RuntimeError('the Python producer could not deliver within 30 s')


def read_over_rest(proxy, topic):
    """A consumer instance in the avro format: create, subscribe, read, commit, delete."""
    group = proxy + '/consumers/rest-proxy-interop'
    created = requests.post(group, headers={'Content-Type': V2},
                            data=json.dumps({'name': 'python', 'format': 'avro', 'auto.offset.reset': 'earliest'}))
    created.raise_for_status()
    base = created.json()['base_uri']
    requests.post(base + '/subscription', headers={'Content-Type': V2},
                  data=json.dumps({'topics': [topic]})).raise_for_status()
    read = []
    deadline = time.time() + 60
    while len(read) < len(VALUES) and time.time() < deadline:
        answer = requests.get(base + '/records', headers={'Accept': AVRO})
        answer.raise_for_status()
        read.extend({'key': r['key'], 'value': r['value']} for r in answer.json())
    requests.post(base + '/offsets', headers={'Content-Type': V2}, data='{}').raise_for_status()
    requests.delete(base).raise_for_status()
    return read


def main(proxy, registry, bootstrap, rest_topic, python_topic):
    answer = produced_over_rest(proxy, rest_topic)
    produce_with_avro_producer(bootstrap, registry, python_topic)
    print(json.dumps({
        'written': VALUES,
        'restProduceAnswer': answer,
        'readByAvroConsumer': read_by_avro_consumer(bootstrap, registry, rest_topic),
        'readOverRest': read_over_rest(proxy, python_topic),
    }))


if __name__ == '__main__':
    main(*sys.argv[1:6])
