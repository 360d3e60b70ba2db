"""Writes the own-documents folders in formats written by other programs, with their questions:
own_docs252 (.eml, by Python's email package), own_docs253 (.odt, by odfpy) and own_docs254 (.epub,
by EbookLib). Needs `pip install odfpy ebooklib`; not run by the tests or CI, which read the files
it wrote (shipped beside it). Run again, it writes documents with the same text (only their
timestamps differ).
"""
import datetime as dt
import hashlib
import json
import os
from email.message import EmailMessage
from email.utils import format_datetime

QA = os.path.dirname(os.path.abspath(__file__))

def write_qa(name, rows):
    with open(os.path.join(QA, name + ".jsonl"), "w") as f:
        for q, ans, facts, src in rows:
            f.write(json.dumps({"question": q, "answers": [ans], "facts": [facts], "source": src}, ensure_ascii=False) + "\n")

# ---- 252: e-mails about an office move -----------------------------------------------------
def mail(path, sender, to, when, subject, plain, html=None, attachment=None, cc=None):
    m = EmailMessage()
    m["From"] = sender; m["To"] = to
    if cc: m["Cc"] = cc
    m["Date"] = format_datetime(when); m["Subject"] = subject
    m["Message-ID"] = f"<{hashlib.sha1(subject.encode()).hexdigest()[:12]}@larchfield.co.uk>"
    m.set_content(plain)
    if html:
        m.add_alternative(html, subtype="html")
    if attachment:
        name, data, maintype, subtype = attachment
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    with open(path, "wb") as f:
        f.write(bytes(m))

def tz(y, mo, d, h, mi):
    return dt.datetime(y, mo, d, h, mi, tzinfo=dt.timezone.utc)

d = os.path.join(QA, "own_docs252"); os.makedirs(d, exist_ok=True)
announce = """Hi all,

As you know, we are leaving Hollis Street at the end of the year. The new office is on the third floor of Canal Wharf, 14 Mill Lane, Leeds LS1 4DN.

Packing crates will be delivered to each desk on Wednesday 2 December. Please label every crate with your name and desk number using the orange stickers.

The removal company, Pennine Movers, will collect the crates on Friday 4 December from 3 pm. The Hollis Street office closes at 1 pm that day.

Everyone works from home on Monday 7 December while IT sets up the network. The new office opens on Tuesday 8 December at 8 am.

Thanks,
Priya

-- 
Priya Raman
Facilities Manager, Larchfield Associates
0113 496 0720
"""
html = "<html><body>" + "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in announce.split("\n-- \n")[0].split("\n\n")) + \
       "<p>--<br>Priya Raman<br>Facilities Manager, Larchfield Associates</p></body></html>"
mail(os.path.join(d, "office-move.eml"), "Priya Raman <priya.raman@larchfield.co.uk>", "All staff <all-staff@larchfield.co.uk>",
     tz(2026, 11, 9, 9, 14), "Office move to Canal Wharf: key dates", announce, html)
mail(os.path.join(d, "re-parking.eml"), "Priya Raman <priya.raman@larchfield.co.uk>", "Tom Hale <tom.hale@larchfield.co.uk>",
     tz(2026, 11, 12, 16, 2), "Re: Parking at Canal Wharf", """Hi Tom,

There is no staff car park at Canal Wharf, but we have 12 permits for the Mill Lane multi-storey. Permits cost £45 a month and are deducted from your salary; ask me if you want one.

Bike storage for 30 bikes is in the basement, with showers next to it.

Priya

On Thu, 12 Nov 2026 at 14:30, Tom Hale <tom.hale@larchfield.co.uk> wrote:
> Hi Priya,
> Will there be parking at the new office? I drive in from Harrogate most days.
> Tom
""")
mail(os.path.join(d, "it-before-the-move.eml"), "Marcus Bell <it-help@larchfield.co.uk>", "All staff <all-staff@larchfield.co.uk>",
     tz(2026, 11, 24, 11, 40), "IT: what to do before the move", """Hello everyone,

Before the move, unplug your monitor and docking station and put the cables in the crate marked IT. Laptops go home with you; please do not pack them.

The new Wi-Fi network is called LARCH-STAFF, and its password will be shown on the screen in reception.

Desk phones are being retired: from 7 December, calls to your number will ring in Teams.

If something is not working on the 8th, raise a ticket at helpdesk.larchfield.co.uk or call extension 2200.

The attached floor plan shows where each team sits.

Marcus
IT Support
""", attachment=("canal-wharf-floor-plan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "application", "pdf"))
mail(os.path.join(d, "access-cards.eml"), "Hannah Osei <hr@larchfield.co.uk>", "All staff <all-staff@larchfield.co.uk>",
     tz(2026, 11, 27, 10, 5), "Access cards for Canal Wharf", """Dear colleagues,

Your new access card will be waiting on your desk on 8 December. Please hand in your old Hollis Street key fob at reception by 11 December.

A replacement card costs £10 if you lose yours.

The building is open from 7 am to 8 pm on weekdays. To come in at the weekend, book access with building security at least 24 hours ahead.

Kind regards,
Hannah Osei
HR
""", cc="Priya Raman <priya.raman@larchfield.co.uk>")
mail(os.path.join(d, "fwd-welcome.eml"), "Priya Raman <priya.raman@larchfield.co.uk>", "All staff <all-staff@larchfield.co.uk>",
     tz(2026, 12, 1, 8, 30), "Fwd: Welcome to Canal Wharf", """FYI, see below from the building managers.

---------- Forwarded message ---------
From: Canal Wharf Management <hello@canalwharf.co.uk>
Date: Mon, 30 Nov 2026 at 15:12
Subject: Welcome to Canal Wharf
To: Priya Raman <priya.raman@larchfield.co.uk>

Welcome to Canal Wharf! The café on the ground floor gives tenants 15% off when they show their access card. The roof terrace is open from April to September, from 8 am to 6 pm.

Post is delivered to the mail room next to reception by 11 am each weekday.
""")
write_qa("own_docs252", [
    ("What is the address of the new office?", "Canal Wharf, 14 Mill Lane, Leeds LS1 4DN", ["14 Mill Lane"], "office-move.eml"),
    ("Which floor is the new office on?", "the third floor", ["third floor"], "office-move.eml"),
    ("When will the packing crates arrive?", "Wednesday 2 December", ["2 December"], "office-move.eml"),
    ("Who is moving our crates?", "Pennine Movers", ["Pennine Movers"], "office-move.eml"),
    ("What time does the old office close on moving day?", "1 pm", ["1 pm"], "office-move.eml"),
    ("When does the new office open?", "Tuesday 8 December at 8 am", ["8 December", "8 am"], "office-move.eml"),
    ("How much is a parking permit?", "£45 a month", ["£45"], "re-parking.eml"),
    ("How many bikes can be stored?", "30 bikes", ["30 bikes"], "re-parking.eml"),
    ("What is the new Wi-Fi called?", "LARCH-STAFF", ["LARCH-STAFF"], "it-before-the-move.eml"),
    ("Should I pack my laptop?", "Laptops go home with you; please do not pack them", ["do not pack them", "go home with you"], "it-before-the-move.eml"),
    ("What extension do I call for IT help?", "2200", ["2200"], "it-before-the-move.eml"),
    ("Where do I return my old key fob?", "at reception", ["reception"], "access-cards.eml"),
    ("How much does a lost access card cost?", "£10", ["£10"], "access-cards.eml"),
    ("What discount does the café give?", "15% off", ["15%"], "fwd-welcome.eml"),
    ("Who sent the email about the office move?", "Priya Raman", ["Priya Raman"], "office-move.eml"),
    ("What file was attached to the IT email?", "canal-wharf-floor-plan.pdf", ["floor-plan.pdf", "floor plan"], "it-before-the-move.eml"),
])

# ---- 253: an allotment society's handbook (.odt) -------------------------------------------
from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties
from odf.text import H, P, List, ListItem, Span
from odf.table import Table, TableColumn, TableRow, TableCell
from odf import dc

doc = OpenDocumentText()
bold = Style(name="Bold", family="text"); bold.addElement(TextProperties(fontweight="bold"))
doc.automaticstyles.addElement(bold)
doc.meta.addElement(dc.Title(text="Bramble Lane Allotment Society: Plot Holders' Handbook 2027"))
def h(text, level=1): doc.text.addElement(H(outlinelevel=level, text=text))
def p(text): doc.text.addElement(P(text=text))
def bullets(items):
    l = List()
    for it in items:
        li = ListItem(); li.addElement(P(text=it)); l.addElement(li)
    doc.text.addElement(l)
def table(rows):
    t = Table(name="Fees")
    t.addElement(TableColumn(numbercolumnsrepeated=len(rows[0])))
    for r in rows:
        tr = TableRow()
        for c in r:
            tc = TableCell(); tc.addElement(P(text=c)); tr.addElement(tc)
        t.addElement(tr)
    doc.text.addElement(t)
h("Plot Holders' Handbook 2027")
p("Welcome to Bramble Lane. This handbook sets out the rules every plot holder agrees to when they take on a plot. Please keep it somewhere handy.")
h("Rents and fees")
table([["Plot", "Annual rent"], ["Full plot (250 m²)", "£62"], ["Half plot (125 m²)", "£34"], ["Raised bed", "£18"], ["Water charge, per plot", "£9"]])
p("Rent is due on 1 October each year. Plots whose rent is still unpaid on 31 October may be offered to the next person on the waiting list.")
h("Looking after your plot")
p("At least 75% of your plot must be cultivated during the growing season. The committee inspects plots in May, July and September, and writes to holders whose plots are neglected.")
para = P(text="Bonfires are allowed only between 1 November and 28 February, and ")
para.addElement(Span(stylename=bold, text="never on Sundays"))
para.addText(".")
doc.text.addElement(para)
h("What is not allowed", 2)
bullets(["Carpet or underlay used to suppress weeds", "Hosepipes connected to the water troughs (please use watering cans)",
         "Trees that grow taller than 2.5 metres", "Livestock, apart from hens and bees"])
h("Hens and bees", 2)
p("You may keep up to six hens on a full plot, but no cockerels. Beehives need the committee's written permission and must be at least 10 metres from the nearest path.")
h("Sheds and structures", 2)
p("Sheds may be up to 1.8 m by 2.4 m and must be approved by the committee before you build them. Greenhouses must be glazed with polycarbonate, not glass.")
h("Water")
p("The water troughs are turned on from 1 April to 31 October. In a hosepipe ban, troughs may only be used to fill watering cans.")
h("Site access")
p("The gate code changes every January; the new code is sent to members by email. Please lock the gate behind you, even during the day.")
h("Waiting list and contacts")
p("The waiting list has about 40 names, and the typical wait for a half plot is 18 months. To join it, write to the secretary, Helen Morris, at secretary@bramblelane.org.uk.")
d = os.path.join(QA, "own_docs253"); os.makedirs(d, exist_ok=True)
doc.save(os.path.join(d, "handbook-2027.odt"))
write_qa("own_docs253", [
    ("How much is the rent for a half plot?", "£34", ["£34"], "handbook-2027.odt"),
    ("When is the rent due?", "1 October each year", ["1 October"], "handbook-2027.odt"),
    ("What happens if I don't pay my rent by the end of October?", "may be offered to the next person on the waiting list", ["offered to the next person"], "handbook-2027.odt"),
    ("How much of my plot do I have to cultivate?", "At least 75%", ["75%"], "handbook-2027.odt"),
    ("When can I have a bonfire?", "between 1 November and 28 February", ["1 November and 28 February"], "handbook-2027.odt"),
    ("Can I keep chickens?", "up to six hens, but no cockerels", ["six hens"], "handbook-2027.odt"),
    ("How big can my shed be?", "1.8 m by 2.4 m", ["1.8 m by 2.4 m"], "handbook-2027.odt"),
    ("When is the water turned on?", "from 1 April to 31 October", ["1 April"], "handbook-2027.odt"),
    ("Can I use a hosepipe?", "Hosepipes connected to the water troughs are not allowed", ["Hosepipes connected to the water troughs", "only be used to fill watering cans"], "handbook-2027.odt"),
    ("How long is the wait for a plot?", "18 months", ["18 months"], "handbook-2027.odt"),
    ("Who is the secretary?", "Helen Morris", ["Helen Morris"], "handbook-2027.odt"),
    ("How do I find out the gate code?", "sent to members by email", ["by email"], "handbook-2027.odt"),
])

# ---- 254: an e-bike owner's manual (.epub) -----------------------------------------------------
from ebooklib import epub
book = epub.EpubBook()
book.set_identifier("velora-city-2-manual-en"); book.set_title("Velora City 2 Owner's Manual"); book.set_language("en")
book.add_author("Velora Bikes")
chapters = [
 ("Getting started", """<h1>1. Getting started</h1>
<p>Thank you for choosing the Velora City 2. Read this manual before your first ride.</p>
<p>The Velora City 2 has a 36 V, 418 Wh battery in the down tube. Before your first ride, charge the battery fully; this takes about 5 hours with the supplied 2 A charger.</p>
<p>The motor assists you up to 25 km/h, the legal limit for e-bikes in the EU. Above that speed you ride without assistance.</p>"""),
 ("Charging", """<h1>2. Charging the battery</h1>
<p>Charge the battery at room temperature, between 10 °C and 30 °C. You can charge it on or off the bike.</p>
<p>To remove the battery, turn the key anticlockwise and lift the battery out of the frame.</p>
<p>If you will not ride for more than a month, store the battery at about 60% charge and top it up every three months.</p>
<p>A full charge gives a range of 50 to 90 km, depending on the assist mode, the terrain and the rider's weight.</p>"""),
 ("Riding modes", """<h1>3. Riding modes</h1>
<p>Press the plus and minus buttons on the left handlebar to change the assist mode.</p>
<table><tr><th>Mode</th><th>Assist</th><th>Typical range</th></tr>
<tr><td>Eco</td><td>50%</td><td>90 km</td></tr><tr><td>Tour</td><td>100%</td><td>70 km</td></tr><tr><td>Boost</td><td>200%</td><td>50 km</td></tr></table>
<p>Hold the minus button for 2 seconds to switch on walk assist, which pushes the bike along at up to 6 km/h.</p>
<p>Press the light button to turn the lights on; they run from the main battery.</p>"""),
 ("Maintenance", """<h1>4. Care and maintenance</h1>
<ul><li>Check the tyre pressure weekly; the recommended pressure is 3.5 to 4.5 bar.</li>
<li>Lubricate the chain every 300 km, and more often in wet weather.</li>
<li>Do not clean the bike with a pressure washer: water forced into the motor or the battery contacts can damage them.</li></ul>
<p>The first service is due after 200 km, when new brake and gear cables have stretched. After that, have the bike serviced once a year.</p>"""),
 ("Warranty", """<h1>5. Warranty</h1>
<p>The frame is guaranteed for 10 years, and the motor and battery for 2 years.</p>
<p>The battery warranty covers a loss of capacity to below 70% within those 2 years.</p>
<p>Register your bike at velora.bike/register within 30 days of purchase to activate the warranty.</p>"""),
 ("Error codes", """<h1>6. Error codes</h1>
<dl><dt>E01</dt><dd>Battery overheated. Stop and let it cool down.</dd>
<dt>E07</dt><dd>Speed sensor not detected. Check the magnet on the rear wheel spokes.</dd>
<dt>E12</dt><dd>Motor communication fault. Contact your dealer.</dd></dl>"""),
]
items = []
for i, (title, body) in enumerate(chapters, 1):
    c = epub.EpubHtml(title=title, file_name=f"chapter{i}.xhtml", lang="en")
    c.content = body
    book.add_item(c); items.append(c)
book.toc = items
book.add_item(epub.EpubNcx()); book.add_item(epub.EpubNav())
book.spine = ["nav"] + items
d = os.path.join(QA, "own_docs254"); os.makedirs(d, exist_ok=True)
epub.write_epub(os.path.join(d, "velora-city-2-manual.epub"), book)
write_qa("own_docs254", [
    ("How long does it take to charge the battery?", "about 5 hours", ["5 hours"], "velora-city-2-manual.epub"),
    ("What is the top speed with assistance?", "25 km/h", ["25 km/h"], "velora-city-2-manual.epub"),
    ("How far can I ride on one charge?", "50 to 90 km", ["50 to 90 km"], "velora-city-2-manual.epub"),
    ("How do I take the battery out?", "turn the key anticlockwise and lift the battery out", ["turn the key anticlockwise"], "velora-city-2-manual.epub"),
    ("What tyre pressure should I use?", "3.5 to 4.5 bar", ["3.5 to 4.5 bar"], "velora-city-2-manual.epub"),
    ("When is the first service?", "after 200 km", ["200 km"], "velora-city-2-manual.epub"),
    ("Can I clean it with a pressure washer?", "Do not clean the bike with a pressure washer", ["Do not clean the bike with a pressure washer"], "velora-city-2-manual.epub"),
    ("How long is the frame guaranteed?", "10 years", ["10 years"], "velora-city-2-manual.epub"),
    ("What does error E07 mean?", "Speed sensor not detected", ["Speed sensor not detected"], "velora-city-2-manual.epub"),
    ("How do I turn on walk assist?", "Hold the minus button for 2 seconds", ["minus button for 2 seconds"], "velora-city-2-manual.epub"),
    ("How much charge should I store the battery at?", "about 60% charge", ["60%"], "velora-city-2-manual.epub"),
    ("What is the range in Eco mode?", "90 km", ["90 km"], "velora-city-2-manual.epub"),
    ("How often should I oil the chain?", "every 300 km", ["300 km"], "velora-city-2-manual.epub"),
    ("What battery capacity does it have?", "418 Wh", ["418 Wh"], "velora-city-2-manual.epub"),
])
