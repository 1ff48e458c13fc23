"""English phrasings (the most varied: most customers write in English)."""

from supportlens.generate.phrasings.pack import LanguagePack

PACK = LanguagePack(
    code="en",
    greetings=(
        "",
        "",
        "",
        "Hi,",
        "Hello,",
        "Hi there!",
        "Hey,",
        "Good morning,",
        "Hello team,",
        "Dear support,",
    ),
    closings=(
        "",
        "",
        "",
        "Thanks!",
        "Thanks in advance.",
        "Cheers",
        "Regards",
        "Please help.",
        "Thank you",
        "Appreciate it!",
    ),
    slots={
        "ago": (
            "3 days ago",
            "last week",
            "two weeks ago",
            "on Monday",
            "yesterday",
            "10 days ago",
            "over a week ago",
            "last month",
        ),
        "amount": ("$49.00", "$129.99", "$19.90", "$350", "$74.50", "$12"),
    },
    intents={
        "order_status": (
            ("Where is my order {order}?", "Order status {order}", "Question about my order"),
            (
                "Where is my order {order}? I placed it {ago}.",
                "Can you tell me the status of order {order}?",
                "I ordered the {product} {ago} and haven't heard anything since. Has it shipped?",
                "has my order shipped yet? order number {order}",
                "Any update on {order}? The tracking page still says processing.",
                "I'd like to know when my package will arrive, order {order}.",
                "How do I track my order? I can't find the tracking link.",
            ),
        ),
        "delivery_delay": (
            ("Late delivery", "My package is delayed", "Order {order} not delivered"),
            (
                "My package was supposed to arrive {ago} but it's still not here.",
                "Tracking says delivered but I never got my parcel ({order}).",
                "The delivery of {order} is late. What is going on?",
                "Why is my shipment stuck in transit for so long?",
                "It's been over a week and the {product} still hasn't arrived.",
                "the courier keeps postponing my delivery, can you help?",
            ),
        ),
        "cancel_order": (
            ("Cancel order {order}", "Please cancel my order", "Cancellation request"),
            (
                "Please cancel my order {order}, I ordered the wrong size.",
                "Can I still cancel an order I placed {ago}?",
                "I changed my mind about the {product}. How do I cancel?",
                "cancel order {order} please",
                "Is it too late to cancel {order}? I don't think it has shipped yet.",
            ),
        ),
        "change_address": (
            ("Change delivery address", "Wrong shipping address on {order}"),
            (
                "I entered the wrong shipping address for {order}. Can you change it?",
                "How do I update the delivery address on an order that hasn't shipped?",
                "I'm moving next week - can order {order} go to my new address instead?",
                "Can I change where my package is delivered?",
                "typo in my address on order {order}, pls fix",
            ),
        ),
        "return_item": (
            ("Return request", "How do I return the {product}?", "Return for order {order}"),
            (
                "How do I return the {product}? It doesn't fit.",
                "I want to send back part of order {order}. Is there a return label?",
                "What is your return policy? I bought something {ago}.",
                "Can I return an item if I already opened the box?",
                "I need a return label for {order}.",
                "how many days do i have to return stuff",
            ),
        ),
        "refund_status": (
            ("Refund not received", "Where is my refund?", "Refund for {order}"),
            (
                "I returned my order {ago} but still haven't received my refund.",
                "When will I get my money back for {order}?",
                "The refund of {amount} hasn't shown up on my {card} yet.",
                "You said my refund was approved, but nothing has arrived. How long does it take?",
                "Can you check the status of my refund for order {order}?",
            ),
        ),
        "damaged_item": (
            ("Item arrived damaged", "Broken {product}"),
            (
                "My {product} arrived broken. The box was crushed.",
                "The item in order {order} is damaged, what can I do?",
                "I received a cracked {product}. I'd like a replacement.",
                "Half of the parts were broken when I opened the package.",
                "the {product} came scratched and doesn't turn on",
            ),
        ),
        "wrong_item": (
            ("Wrong item received", "Not what I ordered ({order})"),
            (
                "I got the wrong item in order {order}. I ordered the {product}.",
                "You sent me the wrong size and colour. How do I get the right one?",
                "The package contained someone else's order.",
                "This isn't what I ordered - I received a completely different product.",
            ),
        ),
        "shipping_cost": (
            ("Shipping costs", "Do you ship to my country?"),
            (
                "How much does shipping cost for an order of {amount}?",
                "Do you ship internationally, and what does it cost?",
                "Is there free shipping above a certain amount?",
                "Why was I charged {amount} for shipping?",
                "how long does express delivery take and how much is it",
            ),
        ),
        "reset_password": (
            ("Password reset", "Can't reset my password", "Forgot password"),
            (
                "I forgot my password. How do I reset it?",
                "The password reset email never arrives. I've checked spam.",
                "How can I change my password?",
                "reset password link says it has expired",
                "I need a new password for {email}.",
                "Can you send me a password reset link?",
            ),
        ),
        "login_problem": (
            ("Can't log in", "Login not working", "Account locked"),
            (
                "I can't log in, it says invalid credentials but my password is right.",
                "My account is locked after too many attempts. Can you unlock it?",
                "The {device} app logs me out every few minutes.",
                "I get an error when I try to sign in with Google.",
                "can't sign in since {ago}",
                "The login page just keeps loading forever.",
            ),
        ),
        "change_email": (
            ("Change email address", "Update my login email"),
            (
                "How do I change the email address on my account?",
                "I no longer have access to {email}. Can I update my email?",
                "I want to switch my account to a new email address.",
                "Where can I change my contact email?",
            ),
        ),
        "delete_account": (
            ("Delete my account", "Close account"),
            (
                "Please delete my account and all my data.",
                "How do I close my account permanently?",
                "I want to remove my profile, I don't use the service anymore.",
                "delete account {email}",
            ),
        ),
        "two_factor": (
            ("Two-factor authentication problem", "2FA code not working"),
            (
                "I lost my phone and can't get the two-factor code.",
                "The 2FA code is always rejected as invalid.",
                "How do I turn on two-step verification?",
                "I got a new {device} and my authenticator app is gone. How do I log in?",
                "I'm not receiving the SMS verification code.",
            ),
        ),
        "update_payment": (
            ("Update payment method", "New credit card"),
            (
                "How do I update my credit card details?",
                "My {card} expired. Where do I add the new card?",
                "Can I pay by invoice instead of card?",
                "I want to switch my payment method to PayPal.",
            ),
        ),
        "payment_declined": (
            ("Payment declined", "Card not accepted"),
            (
                "My payment keeps getting declined even though the card works elsewhere.",
                "Why was my {card} rejected at checkout?",
                "Checkout fails with 'payment could not be processed'.",
                "I tried to pay {amount} three times and it failed every time.",
            ),
        ),
        "double_charged": (
            ("Charged twice", "Duplicate charge on my card"),
            (
                "I was charged twice for the same order ({order}).",
                "There are two charges of {amount} on my {card} statement.",
                "You billed me twice this month for my {plan} subscription.",
                "why did you take the money two times??",
            ),
        ),
        "invoice_request": (
            ("Invoice request", "Need a receipt", "Copy of invoice {invoice}"),
            (
                "Can you send me an invoice for my last payment?",
                "I need a receipt with our company VAT number on it.",
                "Where can I download my invoices?",
                "Please resend invoice {invoice}, I can't find it.",
                "Our accounting needs a copy of all invoices from last quarter.",
            ),
        ),
        "cancel_subscription": (
            ("Cancel subscription", "Stop my subscription"),
            (
                "How do I cancel my {plan} subscription?",
                "I want to stop my subscription before the next renewal.",
                "Please cancel my plan, I don't want to be charged again.",
                "Is there a fee for cancelling the {plan} plan early?",
                "unsubscribe me from the paid plan",
            ),
        ),
        "pricing": (
            ("Pricing question", "Upgrade to {plan}"),
            (
                "What's the difference between the {plan} plan and the one I have?",
                "How much does it cost to upgrade to {plan}?",
                "Do you offer discounts for non-profits or annual billing?",
                "If I upgrade mid-month, will I pay the full price?",
                "How much would the {plan} plan cost for 25 users?",
            ),
        ),
        "promo_code": (
            ("Promo code not working", "Discount code {code}"),
            (
                "The discount code {code} doesn't work at checkout.",
                "I forgot to add my promo code {code}. Can you apply it afterwards?",
                "It says the coupon {code} has expired but the email said it's valid until Sunday.",
                "Where do I enter a voucher code?",
            ),
        ),
        "gift_card": (
            ("Gift card", "Gift card balance"),
            (
                "How do I use a gift card on the website?",
                "My gift card says it has zero balance but I never used it.",
                "Can I combine a gift card with a discount code?",
                "I lost the gift card code I got from a friend. Can you resend it?",
                "Do gift cards expire?",
            ),
        ),
        "app_crash": (
            ("App crashes", "Bug: app keeps crashing"),
            (
                "The app crashes every time I open it on my {device}.",
                "Since the last update ({version}) the app closes when I tap the cart.",
                "I get a white screen after logging in on my {device}.",
                "The app freezes when I try to upload a photo.",
                "app keeps crashing!! please fix",
            ),
        ),
        "sync_issue": (
            ("Data not syncing", "Sync problem between devices"),
            (
                "My changes on the {device} don't show up on the web version.",
                "The calendar integration stopped syncing {ago}.",
                "Data is out of sync between my phone and laptop.",
                "Sync has been stuck on 'pending' since {ago}.",
            ),
        ),
        "export_data": (
            ("Export my data", "CSV export"),
            (
                "How can I export all my data to CSV?",
                "Is there a way to download a backup of my account?",
                "The export button gives me an empty file.",
                "I need to export our reports to Excel for a meeting.",
            ),
        ),
        "api_access": (
            ("API key", "API rate limit"),
            (
                "Where do I find my API key?",
                "We're hitting the API rate limit - can it be raised for our account?",
                "The API returns 401 Unauthorized even with a fresh token.",
                "Is there documentation for the webhooks?",
                "Do you have an API endpoint for exporting orders?",
            ),
        ),
        "notifications": (
            ("Too many emails", "Notification settings"),
            (
                "How do I stop getting so many notification emails?",
                "I unsubscribed but I still receive your newsletter.",
                "Can I turn off push notifications on my {device}?",
                "I haven't received any notifications since {ago}.",
            ),
        ),
        "gdpr_request": (
            ("GDPR data request", "Request for my personal data"),
            (
                "Under GDPR I'd like a copy of all the personal data you hold about me.",
                "What personal data do you store about me, and for how long?",
                "Please tell me who you share my data with.",
                "I want my personal data corrected - my name is misspelled everywhere.",
            ),
        ),
        "warranty_claim": (
            ("Warranty claim", "Warranty for {product}"),
            (
                "My {product} stopped working after 8 months. Is it covered by the warranty?",
                "How do I make a warranty claim?",
                "Do I need the original receipt for a warranty repair?",
                "The battery of my {product} died, is that covered?",
            ),
        ),
        "feature_request": (
            ("Feature request", "Suggestion"),
            (
                "It would be great if you added a dark mode.",
                "Could you add the option to schedule reports weekly?",
                "Please add support for exporting to Google Sheets.",
                "Are you planning to support Apple Pay?",
                "Suggestion: let us tag orders with custom labels.",
            ),
        ),
    },
    human_request=(
        "Can I talk to a real person?",
        "I want to speak to a human agent.",
        "agent please",
        "This isn't helping. Connect me to customer service.",
        "Is there a human I can chat with?",
        "talk to human",
        "Please transfer me to someone from your team.",
    ),
    fallback=(
        "I'm sorry, I don't have an answer to that yet. Would you like me to connect "
        "you with a colleague?",
        "Hmm, I'm not sure I understood. Could you rephrase your question?",
        "I couldn't find anything about that in our help center.",
        "That's outside what I can help with right now. A team member can take a look.",
    ),
    ai_answer=(
        "I can help with that! Our guide \u201c{title}\u201d explains the steps.",
        "Here's what I found: \u201c{title}\u201d. Does that answer your question?",
        "Good question. You'll find the details in \u201c{title}\u201d.",
        "This article should help: \u201c{title}\u201d. Let me know if anything is unclear.",
    ),
    ai_action={
        "lookup_order": (
            "I looked up order {order}: it shipped {ago} and should arrive "
            "within 2-3 business days.",
            "Order {order} is packed and will leave our warehouse today.",
        ),
        "cancel_order": (
            "Done - order {order} has been cancelled. You'll get a confirmation by email.",
        ),
        "update_address": ("I've updated the delivery address on order {order}.",),
        "create_return": (
            "I've created a return for order {order}. The return label has "
            "been sent to your email.",
        ),
        "check_refund": (
            "Your refund of {amount} was issued {ago}. It can take 3-5 business "
            "days to appear on your statement.",
        ),
        "reset_password": (
            "I've sent a password reset link to your email address. It is valid for 24 hours.",
        ),
        "send_invoice": ("I've sent invoice {invoice} to the email address on your account.",),
        "cancel_subscription": (
            "Your {plan} subscription is cancelled and ends at the close "
            "of the current billing period.",
        ),
    },
    rep_first=(
        "Hi! Thanks for reaching out. I'm looking into this for you now.",
        "Hello, thank you for contacting us. Could you send me your order number and "
        "a screenshot of the problem?",
        "Hi there, sorry for the trouble. I've checked your account and can see what happened.",
        "Thanks for your patience! I've forwarded this to the right team and will "
        "update you shortly.",
        "Hi, I'm sorry to hear that. Let me sort this out for you.",
    ),
    rep_follow=(
        "Thanks for the details. I've made the change on our side - can you check if it works now?",
        "I've escalated this to our specialists and will get back to you as soon as "
        "I hear from them.",
        "Just following up: were you able to try the steps I sent?",
        "Thanks! I can see the issue now and I'm working on a fix.",
    ),
    rep_resolve=(
        "Great, I'm glad that's sorted! I'll close this ticket, but just reply if "
        "anything else comes up.",
        "Everything should be fixed now. Have a great day!",
        "I've processed this for you. You'll receive a confirmation email shortly.",
        "All done on our side. Let us know if you need anything else.",
    ),
    more_info=(
        "Here is the screenshot you asked for.",
        "My order number is {order}.",
        "I tried that but it still doesn't work.",
        "Sure, my email is {email}.",
        "It happens on my {device}, version {version}.",
    ),
    still_broken=(
        "Sorry, the problem is back again.",
        "It worked for a day but now it's broken again.",
        "I still haven't received anything, can you check again?",
        "This is not solved. Same issue as before.",
    ),
    thanks=(
        "Thanks, that worked!",
        "Perfect, thank you so much.",
        "Great, all good now.",
        "thx!",
        "That fixed it, thanks.",
    ),
    system_ack=(
        "We've received your request and will get back to you as soon as possible.",
        "Thanks for contacting support! A team member will reply within one business day.",
    ),
    system_transfer=(
        "Connecting you to a support agent\u2026",
        "You're being transferred to a human agent. Please hold on.",
    ),
    system_offline=(
        "All our agents are offline right now. We'll reply by email as soon as we're back.",
        "Our team is currently busy. We'll follow up by email.",
    ),
    comments={
        "positive": (
            "Quick and friendly help!",
            "Solved my problem in minutes.",
            "Great service, thank you.",
            "Very helpful agent.",
        ),
        "neutral": ("It was ok, took a while.", "Fine.", "Got an answer eventually."),
        "negative": (
            "Took far too long to get an answer.",
            "Had to explain my problem three times.",
            "Still not solved.",
            "The bot was useless.",
        ),
    },
)
