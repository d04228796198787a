"""Running the bot as a service: webhook and health endpoints, metrics, JSON logs, the doctor, the
demo. Nothing here handles a member's update; it wraps the Application from the outside."""
