package io.sensorfunctions.security;

/**
 * The roles our endpoints know, as given in {@code security.users.<name>.roles} or a bearer token's {@code roles}
 * claim. Only {@link #OPERATOR} appears in {@code @Secured}: a viewer is an authenticated caller with no right to
 * change state, which matters when reads are closed ({@code security.read-access}) and for {@code /health} details.
 */
public final class Roles {

    /** May change state: start bursts, move offsets, replay dead letters, write the registry, use management endpoints. */
    public static final String OPERATOR = "operator";

    /** May read what anonymous callers cannot, when reads are closed, and sees {@code /health} details. */
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
