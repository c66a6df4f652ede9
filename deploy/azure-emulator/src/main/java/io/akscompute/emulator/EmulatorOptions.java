package io.akscompute.emulator;

import java.nio.file.Path;

/**
 * How to start an emulator.
 *
 * @param port     HTTPS port; 0 picks a free one
 * @param stateDir where state and trust material live; null makes a fresh temporary directory
 * @param settings settings to start with; null keeps those persisted in the state directory (or the defaults)
 */
public record EmulatorOptions(int port, Path stateDir, EmulatorSettings settings) {

    public static EmulatorOptions defaults() {
        return new EmulatorOptions(0, null, null);
    }

    public EmulatorOptions withPort(int value) {
        return new EmulatorOptions(value, stateDir, settings);
    }

    public EmulatorOptions withStateDir(Path value) {
        return new EmulatorOptions(port, value, settings);
    }

    public EmulatorOptions withSettings(EmulatorSettings value) {
        return new EmulatorOptions(port, stateDir, value);
    }
}
