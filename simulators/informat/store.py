"""The writable state on top of the seeded data set: interruptions, attachments,
communication numbers, issued ids. ``reset()`` copies them back from the pristine set
(a few milliseconds), so tests can write freely and start over.
"""

from __future__ import annotations

from dataclasses import replace

from simulators.informat.dataset import Dataset
from simulators.informat.records import Attachment, ComNr, Interruption
from simulators.seeding import rng_for, uuid_from


class Store:
    def __init__(self, dataset: Dataset, seed: int) -> None:
        self.dataset = dataset
        self._seed = seed
        self.interruptions: dict[str, Interruption] = {}
        self.by_institute: dict[str, dict[str, Interruption]] = {}
        self.attachments: dict[str, Attachment] = {}
        self.comnrs: dict[str, list[ComNr]] = {}
        self.reset()

    def reset(self) -> None:
        self.interruptions = {
            item.id: replace(item, json=dict(item.json), details=dict(item.details))
            for item in self.dataset.interruptions
        }
        self.by_institute = {}
        for item in self.interruptions.values():
            self.by_institute.setdefault(item.institute, {})[item.id] = item
        self.attachments = {}
        self.comnrs = {
            person: [replace(number) for number in numbers] for person, numbers in self.dataset.comnrs.items()
        }
        self._ids = rng_for(self._seed, "informat", "issued-ids")

    def new_id(self) -> str:
        """Ids the API hands out (communication numbers), reproducible from the seed after a reset."""
        return uuid_from(self._ids)

    def save_interruption(self, item: Interruption) -> None:
        self.interruptions[item.id] = item
        self.by_institute.setdefault(item.institute, {})[item.id] = item

    def remove_interruption(self, item: Interruption) -> None:
        del self.interruptions[item.id]
        del self.by_institute[item.institute][item.id]
        for attachment_id in [a.id for a in self.attachments.values() if item.id in a.interruptions]:
            self.unlink_attachment(attachment_id, item.id)

    def unlink_attachment(self, attachment_id: str, interruption_id: str) -> bool:
        """Remove one link; the attachment itself goes when no interruption holds it any more."""
        attachment = self.attachments.get(attachment_id)
        if attachment is None or interruption_id not in attachment.interruptions:
            return False
        attachment.interruptions.discard(interruption_id)
        if not attachment.interruptions:
            del self.attachments[attachment_id]
        return True
