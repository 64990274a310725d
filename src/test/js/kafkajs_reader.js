// Run by PlainClientsReaderTest: kafkajs with no codec plugin reads the readings topic as a consumer-group member.
// Arguments: bootstrap servers, topic, group id, how many records to read. Prints one JSON object.
const { Kafka, logLevel } = require('kafkajs');

async function main([bootstrap, topic, group, expected]) {
  const kafka = new Kafka({ clientId: 'kafkajs-reader', brokers: bootstrap.split(','), logLevel: logLevel.ERROR });
  const consumer = kafka.consumer({ groupId: group });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let count = 0;
  let framed = 0;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`read ${count} of ${expected} within 30 s`)), 30000);
    consumer.run({
      eachMessage: async ({ message }) => {
        count++;
        if (message.value && message.value.length > 5 && message.value[0] === 0) {
          framed++;
        }
        if (count >= Number(expected)) {
          clearTimeout(timer);
          resolve();
        }
      },
    }).catch(reject);
  });
  await consumer.disconnect();
  console.log(JSON.stringify({ count, confluentFramed: framed }));
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e);
  process.exit(1);
});
