package io.mixfarm.manifest;

import java.util.List;

/** Checks each bus's own settings: id, effect parameters, strip. Routing is {@link Routing}'s. */
final class BusRules {

    static final double MAX_DELAY_MS = 5000;

    private final ProcessorRules processors;
    private final StripRules strips;
    private final Problems problems;

    BusRules(ProcessorRules processors, StripRules strips) {
        this.processors = processors;
        this.strips = strips;
        this.problems = processors.problems();
    }

    void check(List<Bus> buses) {
        Ids.checkAll("buses", buses, Bus::id, problems);
        for (int i = 0; i < buses.size(); i++) {
            String path = PathNames.index("buses", i);
            Bus bus = buses.get(i);
            effect(path, bus);
            strips.check(path + ".strip", bus.strip(), true);
        }
    }

    private void effect(String path, Bus bus) {
        if (bus.reverb() != null && bus.type() != Bus.Type.REVERB) {
            problems.add(path + ".reverb", "only allowed when type is reverb");
        }
        if (bus.delay() != null && bus.type() != Bus.Type.DELAY) {
            problems.add(path + ".delay", "only allowed when type is delay");
        }
        if (bus.type() == Bus.Type.DELAY && bus.delay() == null) {
            problems.add(path + ".delay", "is required when type is delay");
        }
        if (bus.reverb() != null) {
            reverb(path + ".reverb", bus.reverb());
        }
        if (bus.delay() != null) {
            delay(path + ".delay", bus.delay());
        }
    }

    private void reverb(String path, Reverb reverb) {
        problems.range(path + ".decaySeconds", reverb.decaySeconds(), 0.1, 20, " s");
        problems.range(path + ".preDelayMs", reverb.preDelayMs(), 0, 500, " ms");
        problems.range(path + ".damping", reverb.damping(), 0, 1, "");
        problems.range(path + ".size", reverb.size(), 0, 1, "");
    }

    private void delay(String path, Delay delay) {
        delayTime(path, delay);
        problems.rangeBelow(path + ".feedback", delay.feedback(), 0, 1, "");
        if (delay.highCutHz() != null) {
            processors.frequency(path + ".highCutHz", delay.highCutHz());
        }
    }

    private void delayTime(String path, Delay delay) {
        if (delay.timeMs() != null && delay.note() != null) {
            problems.add(path + ".note", "give either timeMs or note, not both");
            return;
        }
        if (delay.timeMs() != null) {
            problems.range(path + ".timeMs", delay.timeMs(), 1, MAX_DELAY_MS, " ms");
            if (delay.tempoBpm() != null) {
                problems.add(path + ".tempoBpm", "only used with note");
            }
            return;
        }
        if (delay.note() == null) {
            problems.add(path, "needs timeMs, or note and tempoBpm");
            return;
        }
        boolean noteOk = !Double.isNaN(Delay.wholeNotes(delay.note()));
        if (!noteOk) {
            problems.add(path + ".note", "\"" + delay.note() + "\" is not a note value "
                    + "(1/1 to 1/64, then \".\" for dotted or \"t\" for triplet, e.g. \"1/8.\")");
        }
        if (delay.tempoBpm() == null) {
            problems.add(path + ".tempoBpm", "is required with note");
            return;
        }
        problems.range(path + ".tempoBpm", delay.tempoBpm(), 20, 400, " BPM");
        boolean tempoOk = delay.tempoBpm() >= 20 && delay.tempoBpm() <= 400;
        if (noteOk && tempoOk && delay.delayMs() > MAX_DELAY_MS) {
            problems.add(path + ".note", delay.note() + " at " + Problems.number(delay.tempoBpm()) + " BPM is "
                    + Problems.number(Math.round(delay.delayMs())) + " ms; the longest delay is "
                    + Problems.number(MAX_DELAY_MS) + " ms");
        }
    }
}
