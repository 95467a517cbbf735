"""SMS backends for tests: one keeps what it sends, as Django's locmem mail backend does;
one is a gateway that is down."""

outbox = []
# What the failing gateway was asked to send before it failed.
attempts = []


class OutboxBackend:
    def send(self, number, text):
        outbox.append((number, text))


class FailingBackend:
    def send(self, number, text):
        attempts.append((number, text))
        raise ConnectionError("SMS gateway unavailable")
