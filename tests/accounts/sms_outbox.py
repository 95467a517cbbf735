"""An SMS backend for tests that keeps what it sends, as Django's locmem mail backend does."""

outbox = []


class OutboxBackend:
    def send(self, number, text):
        outbox.append((number, text))
