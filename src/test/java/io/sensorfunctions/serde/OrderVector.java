package io.sensorfunctions.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** A reference byte vector: Confluent's Order example, {@code {"o-1", 1234, null}} as schema id 1. */
final class OrderVector {

    static final Schema ORDER = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Order\",\"fields\":["
        + "{\"name\":\"orderId\",\"type\":\"string\"},{\"name\":\"amountCents\",\"type\":\"int\"},"
        + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
    /** Magic byte, id 1, then "o-1" (length 3 zigzag), 1234 (zigzag varint), union branch 0 (null). */
    static final String CONFLUENT_BYTES = "00" + "00000001" + "06" + "6f2d31" + "a413" + "00";

    private OrderVector() {
    }

    static GenericRecord order() {
        GenericRecord order = new GenericData.Record(ORDER);
        order.put("orderId", "o-1");
        order.put("amountCents", 1234);
        order.put("note", null);
        return order;
    }
}
