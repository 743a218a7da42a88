package io.mixfarm.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Every log event of this JVM (log4j2, which Kafka, S3Proxy, Akka and Mixfarm log through) at
 * INFO and above — more than the WARN a farm logs by default — with stack traces, kept in memory
 * until closed; the root level is restored on close.
 */
final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final StringBuilder text = new StringBuilder();
    private final Level previousRoot;

    private LogCapture(Level previousRoot) {
        super("capture", null, null, true, Property.EMPTY_ARRAY);
        this.previousRoot = previousRoot;
    }

    static LogCapture begin() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        LogCapture capture = new LogCapture(root.getLevel());
        capture.start();
        config.addAppender(capture);
        // The console keeps showing warnings only, as configured; the capture takes INFO.
        for (Appender console : root.getAppenders().values()) {
            root.removeAppender(console.getName());
            root.addAppender(console, Level.WARN, null);
        }
        root.addAppender(capture, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line = new StringBuilder().append(event.getLevel()).append(' ').append(event.getLoggerName())
                .append(' ').append(event.getMessage().getFormattedMessage()).append('\n');
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        synchronized (text) {
            text.append(line);
        }
    }

    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(getName());
        for (Appender console : root.getAppenders().values()) {
            root.removeAppender(console.getName());
            root.addAppender(console, null, null);
        }
        root.setLevel(previousRoot);
        context.updateLoggers();
        stop();
    }
}
