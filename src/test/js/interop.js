// Run by ConfluentJavaScriptInteropTest: Confluent's JavaScript serde against our registry.
// Arguments: registry URL, topic, hex of a record our Java serializer wrote. Prints one JSON object.
const { SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType } = require('@confluentinc/schemaregistry');

async function main() {
  const [url, topic, oursHex] = process.argv.slice(2);
  const subject = `${topic}-value`;
  const client = new SchemaRegistryClient({ baseURLs: [url] });

  // The style of Hopsworks' Kafka guide (2021): no auto-registration, write with the subject's latest version.
  const serializer = new AvroSerializer(client, SerdeType.VALUE, { autoRegisterSchemas: false, useLatestVersion: true });
  const theirs = await serializer.serialize(topic, { orderId: 'o-1', amountCents: 1234, note: null });

  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
  const decoded = await deserializer.deserialize(topic, Buffer.from(oursHex, 'hex'));

  const latest = await client.getLatestSchemaMetadata(subject);
  const v2 = JSON.parse(latest.schema);
  v2.fields.push({ name: 'currency', type: 'string', default: 'EUR' });
  const required = JSON.parse(latest.schema);
  required.fields.push({ name: 'currency', type: 'string' });

  console.log(JSON.stringify({
    theirsHex: Buffer.from(theirs).toString('hex'),
    decoded,
    latestVersion: latest.version,
    defaultCompatibility: await client.getDefaultCompatibility(),
    compatibleV2: await client.testSubjectCompatibility(subject, { schemaType: 'AVRO', schema: JSON.stringify(v2) }),
    compatibleRequired: await client.testSubjectCompatibility(subject, { schemaType: 'AVRO', schema: JSON.stringify(required) }),
    registeredV2: await client.register(subject, { schemaType: 'AVRO', schema: JSON.stringify(v2) }),
    versions: await client.getAllVersions(subject),
  }));
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
