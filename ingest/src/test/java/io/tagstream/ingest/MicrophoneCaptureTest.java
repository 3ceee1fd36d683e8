package io.tagstream.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

class MicrophoneCaptureTest {

    @Test
    void littleEndianBytesBecomeSignedSamples() {
        byte[] bytes = {0x01, 0x00, (byte) 0xff, 0x7f, 0x00, (byte) 0x80, (byte) 0xff, (byte) 0xff, 0x42};
        assertArrayEquals(new short[] {1, 32_767, -32_768, -1}, MicrophoneCapture.littleEndianToShorts(bytes, 9));
        assertArrayEquals(new short[] {1}, MicrophoneCapture.littleEndianToShorts(bytes, 3));
    }

    /** This build machine has no capture device; where one exists the branch cannot be exercised and is skipped. */
    @Test
    void withoutACaptureDeviceOpeningIsAOneLineError() {
        assumeFalse(MicrophoneCapture.isAvailable(16_000), "this machine has a microphone");
        MicrophoneUnavailableException e =
                assertThrows(MicrophoneUnavailableException.class, () -> MicrophoneCapture.open(16_000));
        assertEquals("no microphone: no audio capture device supports 16000 Hz 16-bit mono", e.getMessage());
    }
}
