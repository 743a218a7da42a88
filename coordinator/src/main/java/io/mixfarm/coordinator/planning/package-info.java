/**
 * From manifest to tasks: {@link io.mixfarm.coordinator.planning.Admission} (parse, validate,
 * resolve the output, probe every stem), {@link io.mixfarm.coordinator.planning.SessionPlan}
 * (tasks of each phase; the stored manifest), {@link io.mixfarm.coordinator.planning.AlbumGain}
 * (album mode's one gain from pooled gating blocks) and
 * {@link io.mixfarm.coordinator.planning.RetryPolicy}.
 */
package io.mixfarm.coordinator.planning;
