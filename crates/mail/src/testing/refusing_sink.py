"""An aiosmtpd handler for tests: stores mail in a maildir like aiosmtpd's Mailbox, but
answers RCPT TO for chosen addresses with a chosen reply, such as a bounce
("550 5.1.1 No such user") or greylisting ("450 4.2.0 Try again later").

Started by wegwijs_mail::testing::SmtpSink::start_replying:

    python3 -m aiosmtpd -n -l HOST:PORT -c refusing_sink.RefusingMailbox MAILDIR \
        "bounce@example.nl 550 5.1.1 No such user" ...
"""

from aiosmtpd.handlers import Mailbox


class RefusingMailbox(Mailbox):
    def __init__(self, mail_dir, replies):
        super().__init__(mail_dir)
        # Address (lower case) -> the whole reply line.
        self.replies = replies

    @classmethod
    def from_cli(cls, parser, *args):
        if not args:
            parser.error("The directory for the maildir is required")
        replies = {}
        for arg in args[1:]:
            address, _, reply = arg.partition(" ")
            if not reply[:3].isdigit() or reply[0] not in "45":
                parser.error(f"expected 'ADDRESS 4xx/5xx TEXT', got {arg!r}")
            replies[address.lower()] = reply
        return cls(args[0], replies)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.replies.get(address.lower())
        if reply is not None:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"
