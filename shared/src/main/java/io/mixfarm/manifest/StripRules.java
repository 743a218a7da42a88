package io.mixfarm.manifest;

import java.util.List;

/** Checks a channel strip of a stem or a bus. */
final class StripRules {

    static final double MIN_FADER_DB = -120;
    static final double MAX_FADER_DB = 12;
    static final int MAX_AUTOMATION_POINTS = 100_000;
    /** A day: longer than any song, short enough to catch milliseconds written as seconds. */
    static final double MAX_TIME_SECONDS = 86_400;

    private final ProcessorRules processors;
    private final Problems problems;

    StripRules(ProcessorRules processors) {
        this.processors = processors;
        this.problems = processors.problems();
    }

    void check(String path, Strip strip, boolean onBus) {
        problems.range(path + ".trimDb", strip.trimDb(), -24, 24, " dB");
        processors.filter(path + ".highPass", strip.highPass());
        processors.filter(path + ".lowPass", strip.lowPass());
        filterOrder(path, strip);
        processors.eq(path + ".eq", strip.eq());
        processors.compressor(path + ".compressor", strip.compressor());
        problems.range(path + ".pan", strip.pan(), -1, 1, "");
        problems.range(path + ".balance", strip.balance(), -1, 1, "");
        problems.range(path + ".width", strip.width(), 0, 2, "");
        problems.range(path + ".faderDb", strip.faderDb(), MIN_FADER_DB, MAX_FADER_DB, " dB");
        automation(path, strip);
        if (onBus && strip.pan() != 0) {
            problems.add(path + ".pan", "buses are stereo: use balance");
        }
        if (onBus && strip.solo()) {
            problems.add(path + ".solo", "only stems can be soloed");
        }
    }

    private void filterOrder(String path, Strip strip) {
        Filter high = strip.highPass();
        Filter low = strip.lowPass();
        if (high != null && low != null && high.freqHz() != null && low.freqHz() != null
                && low.freqHz() <= high.freqHz()) {
            problems.add(path + ".lowPass.freqHz", Problems.number(low.freqHz())
                    + " Hz is not above highPass.freqHz (" + Problems.number(high.freqHz()) + " Hz)");
        }
    }

    private void automation(String path, Strip strip) {
        List<AutomationPoint> points = strip.automation();
        if (points.isEmpty()) {
            return;
        }
        if (strip.faderDb() != null) {
            problems.add(path + ".faderDb", "leave faderDb out when automation is given (the automation sets the fader)");
        }
        if (points.size() > MAX_AUTOMATION_POINTS) {
            problems.add(path + ".automation", points.size() + " breakpoints; at most " + MAX_AUTOMATION_POINTS);
        }
        Double previous = null;
        for (int i = 0; i < points.size(); i++) {
            String at = PathNames.index(path + ".automation", i);
            AutomationPoint point = points.get(i);
            problems.range(at + ".timeSeconds", point.timeSeconds(), 0, MAX_TIME_SECONDS, " s");
            problems.range(at + ".faderDb", point.faderDb(), MIN_FADER_DB, MAX_FADER_DB, " dB");
            Double time = point.timeSeconds();
            if (time != null && previous != null && time <= previous) {
                problems.add(at + ".timeSeconds", Problems.number(time)
                        + " is not after the previous breakpoint (" + Problems.number(previous) + " s)");
            }
            if (time != null) {
                previous = time;
            }
        }
    }
}
