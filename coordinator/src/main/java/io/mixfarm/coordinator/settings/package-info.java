/** The coordinator's settings from Typesafe Config, validated at start; secrets hidden in logs. */
package io.mixfarm.coordinator.settings;
