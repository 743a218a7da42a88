package io.mixfarm.reliability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 proxy in front of an S3 endpoint that injects faults by rule: error responses
 * (500 InternalError, 503 SlowDown), connection resets, delays, throttled bodies, bodies cut short
 * (the full Content-Length announced, half sent, connection closed) and altered bytes. Requests are
 * relayed byte for byte (the Host header too, so SigV4 signatures still verify), one upstream
 * connection per request. Probabilistic rules draw from one seeded RNG.
 */
final class FaultProxy implements AutoCloseable {

    /** What a rule does to a request. */
    enum Fault {
        /** 500 InternalError, upstream not asked. */
        ERROR_500,
        /** 503 SlowDown (S3's throttling answer), upstream not asked. */
        SLOW_DOWN_503,
        /** The connection is reset (RST) instead of an answer. */
        RESET,
        /** The answer comes {@link #DELAY_MS} late. */
        DELAY,
        /** The body trickles in small pieces. */
        THROTTLE,
        /** A 200 or 206 body is cut at half its announced length and the connection closed. */
        TRUNCATE,
        /** One byte in the middle of a 200 or 206 body is altered; headers unchanged. */
        CORRUPT
    }

    static final int DELAY_MS = 1_500;

    /**
     * Applies {@code fault} to requests of {@code method} (null: any) whose path matches
     * {@code path}: to every {@code every}-th matching request when {@code every > 0}, else with
     * {@code probability}; at most {@code max} times. An {@code every} rule hits one object at most
     * once (so retries of it succeed, as with real transient faults); a random rule may hit it again.
     */
    record Rule(Fault fault, String method, Pattern path, int every, double probability, int max) {
        static Rule every(Fault fault, String method, String pathRegex, int every, int max) {
            return new Rule(fault, method, Pattern.compile(pathRegex), every, 0, max);
        }

        static Rule random(Fault fault, String method, String pathRegex, double probability, int max) {
            return new Rule(fault, method, Pattern.compile(pathRegex), 0, probability, max);
        }

        boolean matches(String m, String target) {
            return (method == null || method.equals(m)) && path.matcher(target).find();
        }
    }

    private final URI upstream;
    private final List<Rule> rules;
    private final int[] seen;
    private final int[] fired;
    private final Random random;
    private final java.util.Set<String> hitPaths = new java.util.HashSet<>();
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile boolean enabled = true;

    FaultProxy(URI upstream, long seed, List<Rule> rules) throws IOException {
        this.upstream = upstream;
        this.rules = List.copyOf(rules);
        this.seen = new int[rules.size()];
        this.fired = new int[rules.size()];
        this.random = new Random(seed);
        for (Fault f : Fault.values()) {
            injected.put(f, new AtomicInteger());
        }
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Off: every request is relayed untouched. */
    void enabled(boolean on) {
        enabled = on;
    }

    int injected(Fault fault) {
        return injected.get(fault).get();
    }

    Map<Fault, Integer> injected() {
        Map<Fault, Integer> copy = new EnumMap<>(Fault.class);
        injected.forEach((f, n) -> copy.put(f, n.get()));
        return copy;
    }

    /** How many requests {@code "<METHOD> <path>"} (query excluded) reached the proxy. */
    int requests(String method, String path) {
        AtomicInteger n = requests.get(method + " " + path);
        return n == null ? 0 : n.get();
    }

    Map<String, Integer> requests() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        requests.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (true) {
                Message request = Message.readHead(in);
                if (request == null) {
                    return;
                }
                if ("100-continue".equalsIgnoreCase(request.header("expect"))) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                request.readBody(in, false);
                String[] line = request.startLine.split(" ");
                String method = line[0];
                String path = line[1].split("\\?")[0];
                requests.computeIfAbsent(method + " " + path, k -> new AtomicInteger()).incrementAndGet();
                Fault fault = choose(method, line[1]);
                if (!handle(fault, request, method, client, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers one request; false when the connection must end. */
    private boolean handle(Fault fault, Message request, String method, Socket client, OutputStream out)
            throws IOException, InterruptedException {
        if (fault == Fault.ERROR_500 || fault == Fault.SLOW_DOWN_503) {
            count(fault);
            boolean slow = fault == Fault.SLOW_DOWN_503;
            String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + (slow ? "SlowDown" : "InternalError")
                    + "</Code><Message>injected by the fault proxy</Message></Error>";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(((slow ? "HTTP/1.1 503 Slow Down" : "HTTP/1.1 500 Internal Server Error")
                    + "\r\nContent-Type: application/xml\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            return true;
        }
        if (fault == Fault.RESET) {
            count(fault);
            client.setSoLinger(true, 0);
            return false;
        }
        Message response = relay(request, method);
        boolean hasBody = (response.statusCode() == 200 || response.statusCode() == 206) && response.body.length > 0 && method.equals("GET");
        if (fault == Fault.DELAY) {
            count(fault);
            Thread.sleep(DELAY_MS);
        }
        out.write(response.headBytes());
        byte[] body = response.body;
        if (fault == Fault.TRUNCATE && hasBody) {
            count(fault);
            out.write(body, 0, body.length / 2);
            out.flush();
            return false;
        }
        if (fault == Fault.CORRUPT && hasBody) {
            count(fault);
            body = body.clone();
            body[body.length / 2] ^= 0x5A;
        }
        if (fault == Fault.THROTTLE && body.length > 0) {
            count(fault);
            for (int off = 0; off < body.length; off += 16 * 1024) {
                out.write(body, off, Math.min(16 * 1024, body.length - off));
                out.flush();
                Thread.sleep(2);
            }
        } else {
            out.write(body);
        }
        out.flush();
        return !"close".equalsIgnoreCase(response.header("connection"));
    }

    private void count(Fault fault) {
        injected.get(fault).incrementAndGet();
    }

    private synchronized Fault choose(String method, String target) {
        String path = target.split("\\?")[0];
        if (!enabled) {
            return null;
        }
        Fault chosen = null;
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (!rule.matches(method, target)) {
                continue;
            }
            seen[i]++;
            boolean fire = rule.every() > 0 ? seen[i] % rule.every() == 0 : random.nextDouble() < rule.probability();
            if (chosen == null && fire && fired[i] < rule.max()
                    && (rule.every() == 0 || hitPaths.add(i + " " + method + " " + path))) {
                fired[i]++;
                chosen = rule.fault();
            }
        }
        return chosen;
    }

    /** Sends the request upstream on a fresh connection and reads the whole answer (1xx skipped). */
    private Message relay(Message request, String method) throws IOException {
        try (Socket socket = new Socket(upstream.getHost(), upstream.getPort())) {
            OutputStream up = socket.getOutputStream();
            up.write(request.headBytes());
            up.write(request.body);
            up.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            while (true) {
                Message response = Message.readHead(in);
                if (response == null) {
                    throw new IOException("upstream closed without an answer");
                }
                if (response.statusCode() / 100 == 1) {
                    continue;
                }
                response.readBody(in, method.equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304);
                return response;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }

    /** A request or response: start line, headers in order, the whole body (de-chunked). */
    private static final class Message {
        final String startLine;
        final List<String[]> headers;
        byte[] body = new byte[0];

        private Message(String startLine, List<String[]> headers) {
            this.startLine = startLine;
            this.headers = headers;
        }

        static Message readHead(InputStream in) throws IOException {
            String start = readLine(in);
            while (start != null && start.isEmpty()) {
                start = readLine(in);
            }
            if (start == null) {
                return null;
            }
            List<String[]> headers = new ArrayList<>();
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
            }
            return new Message(start, headers);
        }

        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        int statusCode() {
            return Integer.parseInt(startLine.split(" ")[1]);
        }

        void readBody(InputStream in, boolean none) throws IOException {
            String length = header("content-length");
            String encoding = header("transfer-encoding");
            if (none) {
                return;
            }
            if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                body = readChunked(in);
                headers.removeIf(h -> h[0].equalsIgnoreCase("transfer-encoding"));
                headers.add(new String[] {"Content-Length", String.valueOf(body.length)});
            } else if (length != null) {
                body = in.readNBytes(Integer.parseInt(length));
            } else if (!startLine.startsWith("HTTP/")) {
                body = new byte[0]; // a request without a body
            } else {
                body = in.readAllBytes();
                headers.add(new String[] {"Content-Length", String.valueOf(body.length)});
            }
        }

        byte[] headBytes() {
            StringBuilder head = new StringBuilder(startLine).append("\r\n");
            for (String[] h : headers) {
                head.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        private static byte[] readChunked(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in);
                if (sizeLine == null) {
                    throw new IOException("chunked body ended early");
                }
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                if (size == 0) {
                    for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); trailer = readLine(in)) {
                        // trailers are dropped
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
