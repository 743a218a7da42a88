package io.mixfarm.manifest;

/** A fader breakpoint: the fader is at {@code faderDb} at {@code timeSeconds} into the song. */
public record AutomationPoint(@Required Double timeSeconds, @Required Double faderDb) {
}
