package io.sensorfunctions.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTest {

    @Test
    void framesMagicByteBigEndianIdAndDatum() {
        assertThat(HexFormat.of().formatHex(WireFormat.frame(258, new byte[]{0x06}))).isEqualTo("000000010206");
    }

    @Test
    void readsTheIdAndLeavesTheBufferAtTheDatum() {
        ByteBuffer buffer = ByteBuffer.wrap(HexFormat.of().parseHex("0000000102ff"));
        assertThat(WireFormat.readSchemaId("t", buffer)).isEqualTo(258);
        assertThat(buffer.remaining()).isEqualTo(1);
    }

    @Test
    void wrongMagicByteIsNamed() {
        assertThatThrownBy(() -> WireFormat.readSchemaId("temperature", ByteBuffer.wrap(HexFormat.of().parseHex("7b00000001"))))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("temperature")
            .hasMessageContaining("magic byte 0x7b");
    }

    @Test
    void shortRecordIsNamed() {
        assertThatThrownBy(() -> WireFormat.readSchemaId("temperature", ByteBuffer.wrap(new byte[]{0, 0})))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("has 2 bytes");
    }
}
