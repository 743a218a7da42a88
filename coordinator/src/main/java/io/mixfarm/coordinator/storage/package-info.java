/** The coordinator's S3 access (AWS SDK v2): HEAD, ranged GET, small objects in and out. */
package io.mixfarm.coordinator.storage;
