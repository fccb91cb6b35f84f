package dev.lanyard.auth.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class LocalServersTest {

    @Test
    void configuredAddressIsUsedEvenWhenNothingAnswersThere() {
        assertThat(LocalServers.choose("jdbc:postgresql://127.0.0.1:1/test", () -> false))
                .isEqualTo(LocalServers.Choice.CONFIGURED);
    }

    @Test
    void withoutConfigurationTheDefaultAddressIsUsedWhenAServerAnswers() {
        assertThat(LocalServers.choose(null, () -> true)).isEqualTo(LocalServers.Choice.DEFAULT_ADDRESS);
        assertThat(LocalServers.choose(" ", () -> true)).isEqualTo(LocalServers.Choice.DEFAULT_ADDRESS);
    }

    @Test
    void withoutConfigurationAndWithNothingAtTheDefaultAddressAnEmbeddedServerIsStarted() {
        assertThat(LocalServers.choose(null, () -> false)).isEqualTo(LocalServers.Choice.EMBEDDED);
    }

    @Test
    void answersTellsAListeningPortFromAClosedOne() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(LocalServers.answers(socket.getLocalPort())).isTrue();
            closed = socket.getLocalPort();
        }
        assertThat(LocalServers.answers(closed)).isFalse();
    }
}
