package io.sensorfunctions.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTest {

    @Test
    void headerIsMagicByteAndBigEndianId() {
        assertThat(HexFormat.of().formatHex(WireFormat.header(258))).isEqualTo("0000000102");
        assertThat(HexFormat.of().formatHex(WireFormat.header(0x80a1b2c3))).isEqualTo("0080a1b2c3");
    }

    @Test
    void readsTheBigEndianId() {
        assertThat(WireFormat.readSchemaId("t", HexFormat.of().parseHex("0000000102ff"))).isEqualTo(258);
        assertThat(WireFormat.readSchemaId("t", HexFormat.of().parseHex("0080a1b2c3"))).isEqualTo(0x80a1b2c3);
    }

    @Test
    void wrongMagicByteIsNamed() {
        assertThatThrownBy(() -> WireFormat.readSchemaId("temperature", HexFormat.of().parseHex("7b00000001")))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("temperature")
            .hasMessageContaining("magic byte 0x7b");
    }

    @Test
    void shortRecordIsNamed() {
        assertThatThrownBy(() -> WireFormat.readSchemaId("temperature", new byte[]{0, 0}))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("has 2 bytes");
    }
}
