package io.mixfarm.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Local TCP ports for the embedded servers. */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * A port that is free on 127.0.0.1 right now. Another process could take it before the
     * server binds; on a test machine that window is small enough.
     */
    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    static int checkRange(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535 (0 picks a free port)");
        }
        return port;
    }
}
