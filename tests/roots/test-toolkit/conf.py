project = "Test Clinic"
extensions = ["myst_parser", "sphinx_vatoolkit"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]

vatoolkit = {
    "organization": {
        "name": "Clinica Example",
        "industry": "healthcare",
        "website": "https://example.org",
        "billing_url": "https://example.org/billing",
    },
    "platform": {"preset": "teams", "premium": True},
    "booking": {
        "url": "https://example.org/book",
        "phone": "+1 555 0100",
        "email": "visits@example.org",
        "social": [{"name": "WhatsApp", "url": "https://wa.me/15550100"}],
        "staff": {
            "virtual_only": ["Dr. Ana Souza"],
            "in_person_only": ["Dr. Bruno Lima"],
            "note": "Ask our front desk if your doctor is not listed.",
        },
    },
    "services": {
        "differences": "Physical examinations and vaccinations need an in-person visit.",
        "fees": "Virtual appointments cost the same as in-person visits.",
    },
    "payment": {
        "methods": ["credit card", "health insurance"],
        "when": "You pay after the appointment through our patient portal.",
    },
    "cancellation": {
        "policy_url": "https://example.org/cancel",
        "notice": "24 hours",
        "differences": "The same policy applies to virtual and in-person visits.",
    },
    "technology": {
        "equipment": ["webcam", "headset"],
        "bandwidth": "1.5 Mbps",
        "portal": {"name": "MyHealth", "url": "https://myhealth.example.org"},
    },
    "support": {
        "phone": "+1 555 0199",
        "email": "help@example.org",
        "hours": "Monday to Friday, 8 am to 6 pm",
        "lobby_wait_minutes": 10,
    },
    "brand": {"primary_color": "#0b5cad", "accent_color": "#b35c00"},
    "resources": {
        "team": [
            {
                "title": "Our internal video guide",
                "url": "https://intranet.example.org/video-guide",
                "description": "How we run virtual visits at Clinica Example.",
            }
        ],
        "clients": [
            {
                "title": "Prepare for your visit",
                "url": "https://example.org/prepare",
                "description": "Our checklist for patients.",
            }
        ],
    },
    "video": {
        "url": "https://www.microsoft.com/videoplayer/embed/RE4TQop",
        "title": "Virtual appointments in two minutes",
    },
    "prepare": {"forms_url": "https://example.org/forms"},
    "privacy": {"recorded": False, "policy_url": "https://example.org/privacy"},
    "accessibility": {"interpreters": "Ask for an interpreter when you book."},
    "reminders": {"sms": True, "opt_out": "Reply STOP to any reminder to stop them."},
}

copyright = "2026, Clinica Example"
version = release = "1.0"
