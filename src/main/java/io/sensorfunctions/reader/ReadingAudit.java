package io.sensorfunctions.reader;

import io.sensorfunctions.avro.SensorReading;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The optional audit trail of {@code reader.audit-file}: one line per processed reading, {@code <sensor id>
 * <timestamp ms> <partition> <offset> <processed at ms>} (times in ms since the epoch; the last one gives
 * {@code infra/bench/run.sh} its send-to-processing latency), appended before the offset can be committed. Each line is one write to the
 * file channel, with no buffer in this process, so the operating system keeps it whatever happens to the process.
 * Off (and free) unless the setting is given.
 */
@Singleton
class ReadingAudit implements AutoCloseable {

    private final FileChannel file;

    ReadingAudit(ReaderConfiguration configuration) {
        if (configuration.auditFile() == null || configuration.auditFile().isBlank()) {
            file = null;
            return;
        }
        try {
            Path path = Path.of(configuration.auditFile());
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("reader.audit-file " + configuration.auditFile() + " cannot be opened for appending", e);
        }
    }

    /**
     * Appends the reading's line when the audit is on.
     *
     * @throws UncheckedIOException when the line cannot be written; the record then counts as not processed
     */
    void record(SensorReading reading, int partition, long offset) {
        if (file == null) {
            return;
        }
        String line = reading.getId() + " " + reading.getTimestamp().toEpochMilli() + " " + partition + " " + offset + " "
            + System.currentTimeMillis() + "\n";
        try {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to reader.audit-file", e);
        }
    }

    @Override
    @PreDestroy
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
