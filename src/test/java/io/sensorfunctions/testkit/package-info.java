/**
 * What the tests share: the broker ({@link io.sensorfunctions.testkit.TestKafka}, one real KRaft broker per run), an
 * instance of the application ({@link io.sensorfunctions.testkit.FunctionsInstance}), the functions' common HTTP
 * calls, the Node tools, the tag of the integration tests, and the assertions on refused requests and failed starts.
 */
package io.sensorfunctions.testkit;
