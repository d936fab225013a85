"""Stateful fakes of the Zendesk Support API and the Freshdesk API v2: a TEST FIXTURE, not a feature.

`playbook plan`, `apply` and `import` talk to real help desks over HTTPS. The
tests must not use the internet, a vendor account or mocked-away HTTP, so they
run these small servers instead: real HTTP (the standard library's
`ThreadingHTTPServer`) on 127.0.0.1 on a port the system picks, one server per
test. Each fake holds its objects in memory and behaves as the vendor's
documentation says, for the parts playbook uses:

- it assigns ids (Zendesk: integers, trigger categories strings; Freshdesk:
  integers, SLA policies and business hours strings, as the live API does);
- it enforces the documented validation rules and answers with the vendor's
  error shapes (Zendesk 422 `RecordInvalid` with `details`; Freshdesk 400/409
  with `errors[{field, message, code}]`);
- it paginates every list (Zendesk cursor pagination `page[size]`/`page[after]`
  with `meta.has_more` and `links.next`; Freshdesk `page`/`per_page` with a
  `Link: <…>; rel="next"` header);
- a test can inject faults (`inject`: 429 with or without `Retry-After`, 5xx,
  before or after the request took effect) and change objects the way a person
  in the web UI would (`ui_*` methods), and read every request it received.

Sources are cited in each module; where the documentation is silent the fake is
strict (it refuses rather than guesses), so a client that passes here does not
rely on leniency.
"""

from tests.fakes.base import FakeServer, Fault, Recorded
from tests.fakes.freshdesk import FakeFreshdesk
from tests.fakes.zendesk import FakeZendesk

__all__ = ["FakeFreshdesk", "FakeServer", "FakeZendesk", "Fault", "Recorded"]
