package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The streams entries are read through keep their promises at the edges: zero bytes are data, a
 * read of nothing is not the end, a skip counts what it skipped, a declared CRC of 0 is still a CRC;
 * a root-less event export is wrapped whole, its XML declaration dropped, and closing it closes the file.
 */
class StreamEdgesTest {

    private static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }

    private static final byte[] BINARY = {0, 0, 1, 0, (byte) 0xff, 0, 0, 0, 7, 0};

    @Test
    void zeroBytesReadOneByOneCountTowardsTheCrc() throws IOException {
        InputStream in = new CrcCheckingStream(new ByteArrayInputStream(BINARY), "network/ca.crl", crc(BINARY));
        int n = 0;
        while (in.read() >= 0) {
            n++;
        }
        assertThat(n).isEqualTo(BINARY.length);
    }

    @Test
    void aReadOfNothingInTheMiddleIsNotTheEndOfTheEntry() throws IOException {
        InputStream in = new CrcCheckingStream(new ByteArrayInputStream(BINARY), "network/ca.crl", crc(BINARY));
        byte[] buf = new byte[4];
        assertThat(in.read(buf, 0, 4)).isEqualTo(4);
        assertThat(in.read(buf, 0, 0)).isZero();
        assertThat(in.readAllBytes()).hasSize(6);
    }

    @Test
    void aSkipSkipsExactlyWhatItSaysAndASkipPastTheEndStopsThere() throws IOException {
        InputStream in = new CrcCheckingStream(new ByteArrayInputStream(BINARY), "network/ca.crl", crc(BINARY));
        assertThat(in.skip(4)).isEqualTo(4);
        assertThat(in.read()).isEqualTo(0xff);
        assertThat(in.skip(100)).isEqualTo(5);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void anEntryDeclaringCrcZeroWhoseBytesHaveAnotherIsRefused() {
        InputStream in = new CrcCheckingStream(new ByteArrayInputStream(new byte[] {'x'}), "system.json", 0);
        assertThatThrownBy(in::readAllBytes).hasMessage("system.json does not match the CRC-32 its zip entry declares "
                + "(damaged or tampered); refused");
    }

    private static String readAll(Reader r) throws IOException {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[5];
        for (int n; (n = r.read(buf, 0, buf.length)) >= 0; ) {
            b.append(buf, 0, n);
        }
        return b.toString();
    }

    @Test
    void aRootlessExportIsWrappedWholeWithItsXmlDeclarationDropped() throws IOException {
        String events = "<Event>1</Event>\r\n".repeat(40);
        try (Reader r = new FragmentReader(new StringReader("  <?xml version='1.0' encoding='UTF-16'?>\r\n" + events), "Events")) {
            assertThat(readAll(r)).isEqualTo("<Events>\r\n" + events + "</Events>");
        }
        try (Reader r = new FragmentReader(new StringReader(events), "Events")) {
            assertThat(r.read(new char[4], 0, 0)).isZero();
            assertThat(readAll(r)).isEqualTo("<Events>" + events + "</Events>");
        }
        try (Reader r = new FragmentReader(new StringReader(""), "Events")) {
            assertThat(readAll(r)).isEqualTo("<Events></Events>");
        }
    }

    @Test
    void closingTheWrappedExportClosesTheFileBehindIt() throws IOException {
        boolean[] closed = {false};
        Reader body = new StringReader("<Event/>") {
            @Override
            public void close() {
                closed[0] = true;
                super.close();
            }
        };
        new FragmentReader(body, "Events").close();
        assertThat(closed[0]).isTrue();
    }

    /**
     * A file past its bound is refused, naming it, but the reader gets every byte before the bound
     * first: a log cut at the bound keeps its lines up to there, not up to the last whole buffer.
     */
    @Test
    void aFileLongerThanItsBoundReachesTheReaderWholeUpToTheBoundThenFails() {
        byte[] data = new byte[150];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        BoundedInputStream in = new BoundedInputStream(new ByteArrayInputStream(data), "logs/u_ex.log", 100);
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[64];
        assertThatThrownBy(() -> {
            int n;
            while ((n = in.read(buf, 0, buf.length)) >= 0) {
                got.write(buf, 0, n);
            }
        }).isInstanceOf(BoundedInputStream.LimitReached.class).hasMessageContaining("logs/u_ex.log");
        assertThat(got.toByteArray()).isEqualTo(java.util.Arrays.copyOf(data, 100));
    }

    @Test
    void aFileOfExactlyItsBoundIsReadToItsEndAndASkipStopsAtTheBound() throws IOException {
        byte[] data = new byte[100];
        assertThat(new BoundedInputStream(new ByteArrayInputStream(data), "a", 100).readAllBytes()).hasSize(100);
        BoundedInputStream longer = new BoundedInputStream(new ByteArrayInputStream(new byte[150]), "b", 100);
        assertThat(longer.skip(1_000)).isEqualTo(100);
        assertThatThrownBy(longer::read).isInstanceOf(BoundedInputStream.LimitReached.class);
    }

    /**
     * The event log reader reads through a BufferedInputStream and a decoder, which read again while
     * the stream says bytes are available: the bounded stream must not count the bytes past its
     * bound as available, or the failure at the bound throws away what that call had read.
     */
    @Test
    void aBufferedReaderOfAFilePastItsBoundGetsEveryByteBeforeTheBoundThenTheFailure() throws IOException {
        byte[] data = new byte[150];
        java.util.Arrays.fill(data, (byte) 'x');
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(
                new BoundedInputStream(new ByteArrayInputStream(data), "events/Application.xml", 100), 64);
        byte[] buf = new byte[120];
        assertThat(in.read(buf, 0, buf.length)).isEqualTo(100);
        assertThatThrownBy(in::read).isInstanceOf(BoundedInputStream.LimitReached.class)
                .hasMessageContaining("events/Application.xml");
    }

    @Test
    void onceABoundIsPassedEveryLaterReadFailsTooInsteadOfSeemingToEndWell() throws IOException {
        BoundedInputStream in = new BoundedInputStream(new ByteArrayInputStream(new byte[101]), "f", 100);
        assertThat(in.readNBytes(100)).hasSize(100);
        assertThatThrownBy(in::read).isInstanceOf(BoundedInputStream.LimitReached.class);
        assertThatThrownBy(in::read).as("the byte past the bound was taken by the first failure")
                .isInstanceOf(BoundedInputStream.LimitReached.class);
        assertThat(in.skip(-5)).isZero();
        assertThat(in.available()).isZero();
    }
}
