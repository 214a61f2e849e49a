# Tiếng Việt: mọi văn bản cố định trong bản vẽ và báo cáo của journey.

## Cách viết số liệu

number-decimal = ,
number-group = .
percent = { $value }%
duration-weeks = { $n }{"\u00A0"}tuần
duration-days = { $n }{"\u00A0"}ngày
duration-hours = { $n }{"\u00A0"}giờ
duration-minutes = { $n }{"\u00A0"}phút
duration-seconds = { $n }{"\u00A0"}giây
share-about = ~{ $share }
arrow-observed = { $observed } ({ $modelled })

## Tiêu đề và thông tin

title-scenario = { $journey } — kịch bản: { $scenario }
blueprint-kind = Bản thiết kế dịch vụ
flow-kind = Sơ đồ luồng: các bước nằm trong làn của bộ phận phụ trách, các luồng kèm tỷ lệ khách hàng
flow-title = { $journey } — sơ đồ luồng
fact-competitor = đối thủ: { $name }
fact-customers-month = { $count } khách hàng mỗi tháng
fact-segments = phân khúc: { $list }
fact-stage = giai đoạn: { $name }
fact-left-out = { $count } luồng không được vẽ: quá nhiều để vẽ rõ ràng
page-header = { $title } — trang { $page }/{ $pages }
page-number = trang { $page }/{ $pages }
blueprint-desc =
    Bản thiết kế dịch vụ của hành trình { $journey }, gồm { $steps } bước{ $stages ->
        [0] {""}
       *[other] {" "}trong { $stages } giai đoạn
    }: khách hàng làm gì và cảm thấy thế nào, nhân viên tiếp xúc làm gì trước đường hữu hình, các quy trình phía sau đường ấy và các hệ thống hỗ trợ chúng.
flow-desc = Sơ đồ luồng của { $journey }: { $steps } bước trong { $lanes } làn, { $flows } luồng, trong đó { $back } luồng quay lại thành vòng lặp.

## Các hàng và các đường của bản thiết kế

row-stages = Giai đoạn
row-evidence = Bằng chứng hữu hình
row-flows = Luồng
row-customer = Hành động của khách hàng
row-emotion = Cảm xúc
row-frontstage = tuyến trước: nhân viên tiếp xúc
row-backstage = tuyến sau
row-support = Hệ thống hỗ trợ
row-no-touchpoints = Không có điểm tiếp xúc
row-no-procedures = Không có quy trình
row-no-systems = Không có hệ thống hỗ trợ
lane-none = Không thuộc làn nào
stage-none = Không thuộc giai đoạn nào
line-interaction = Đường tương tác
line-visibility = Đường hữu hình
line-internal = Đường tương tác nội bộ

## Các thẻ

card-alone = khách hàng tự làm, không tiếp xúc
card-pain = Điểm đau: { $text }
card-risk = Rủi ro: { $text }
card-risk-chance = Rủi ro: { $text } ({ $chance })
card-response = phản hồi trong { $duration }
card-script = Lời thoại mẫu: “{ $text }”
tip-evidence = Bằng chứng hữu hình mà khách hàng nhìn thấy
tip-flow = { $from } → { $to } { $share }
tip-start = Khách hàng bắt đầu tại { $step }: { $share }
tip-end = { $share } khách hàng kết thúc tại { $step }
arrow-bundled = { $count } luồng

## Dấu của kịch bản

mark-added = mới trong kịch bản này
mark-changed = đã đổi: { $what }
mark-removed = bị bỏ trong kịch bản này
change-action = hành động
change-touchpoint = điểm tiếp xúc
change-emotion = cảm xúc
change-time-cost = thời gian hoặc chi phí
change-pains = điểm đau, bằng chứng hoặc rủi ro
change-backstage = tuyến sau
change-flows = bước tiếp theo của khách hàng

## Kênh

channel-web = web
channel-app = ứng dụng
channel-phone = điện thoại
channel-email = e-mail
channel-mail = thư bưu điện
channel-chat = trò chuyện trực tuyến
channel-social = mạng xã hội
channel-branch = chi nhánh
channel-store = cửa hàng
channel-delivery = giao hàng
channel-in-person = gặp trực tiếp
channel-video = gọi video
channel-sms = tin nhắn SMS
channel-letter = thư
channel-counter = quầy giao dịch

## Chú giải

legend-evidence = Bằng chứng hữu hình
legend-step = Hành động của khách hàng
legend-staff = Nhân viên tiếp xúc, tại một điểm tiếp xúc
legend-procedure = Quy trình tuyến sau
legend-system = Hệ thống hỗ trợ
legend-flow = Luồng, kèm tỷ lệ
legend-volume = Luồng trong nhật ký: rộng theo số trường hợp; tỷ lệ thực tế (theo mô hình)
legend-loop = Luồng quay lại: vòng lặp
legend-call = Cần đến lớp bên dưới
legend-emotion = Cảm xúc trên lộ trình có khả năng cao nhất
legend-off-path = Bước nằm ngoài lộ trình đó
legend-branch = Nơi các nhánh khác rẽ ra
legend-pain = Điểm đau
legend-risk = Rủi ro
legend-added = Kịch bản thêm vào
legend-changed = Kịch bản thay đổi
legend-removed = Kịch bản bỏ đi

## Báo cáo

report-title = Báo cáo hành trình: { $journey }
report-title-many = Báo cáo hành trình
count-journeys = { $count } hành trình
count-touchpoints = { $count } điểm tiếp xúc
count-procedures = { $count } quy trình
count-systems = { $count } hệ thống
count-problems =
    { $errors ->
        [0] không có lỗi
       *[other] { $errors } lỗi
    }, { $warnings ->
        [0] không có cảnh báo
       *[other] { $warnings } cảnh báo
    }
report-scenario-on = Kịch bản dựa trên { $journey }
report-figures = Số liệu
report-figure = Chỉ số
report-per-customer = Trung bình mỗi khách hàng
report-all-customers = Tất cả khách hàng
report-no-figures = Không có số liệu: { $why }
report-likely-path = Lộ trình có khả năng cao nhất:
report-assumed = Giả định: { $what }
report-unknown = không rõ
report-unknown-why = Không rõ: { $what }
report-findings = Phát hiện
report-steps = Các bước
report-blueprint = Bản thiết kế dịch vụ
report-flow = Sơ đồ luồng
report-compared-with = So với { $name }
report-difference = Chênh lệch
report-target-met = đạt
report-target-missed = không đạt
report-scorecard = Mục tiêu trải nghiệm
report-experience = Trải nghiệm
report-target = Mục tiêu
report-customers = Khách hàng
report-expected = Dự kiến
report-verdict = Kết quả
report-target-flip = { $experience }, mục tiêu { $target }: trước đây { $before }, ở đây { $after }
report-evidence = Đối chiếu với nhật ký sự kiện
report-evidence-summary = { $log }: { $cases } trường hợp; độ phù hợp { $fitness }, độ chính xác { $precision }
report-evidence-flow = Luồng
report-evidence-modelled = Theo mô hình
report-evidence-observed = Quan sát (khoảng tin cậy 95%)
report-evidence-taken = Số lượt
report-evidence-end = (kết thúc)
report-evidence-assumed = { $share } (giả định)
report-evidence-interval = { $share } ({ $low }–{ $high })
report-evidence-of = { $taken } trên { $total }
report-evidence-off = Được tô đậm: nhật ký mâu thuẫn với tỷ lệ trong mô hình (vượt quá dung sai).
report-evidence-drift = Tỷ lệ đã thay đổi từ kỳ này sang kỳ sau:
report-evidence-drift-row = { $flow }: { $before } trong { $from }, { $after } trong { $to }
report-check = Kết quả kiểm tra
report-no-problems = Không phát hiện vấn đề nào.
report-col-stage = Giai đoạn
report-col-step = Bước
report-col-touchpoint = Ở đâu
report-col-staff = Nhân viên tiếp xúc
report-col-lane = Làn
report-col-emotion = Cảm xúc
report-col-duration = Thời lượng
report-col-pains = Điểm đau và rủi ro
report-col-severity = Mức độ
report-col-code = Mã
report-col-where = Vị trí
report-col-what = Nội dung
severity-error = lỗi
severity-warning = cảnh báo
finding-contact-driver = Nguyên nhân khiến khách liên hệ
finding-failure-point = Điểm thất bại
finding-hand-off-hot-spot = Điểm nóng chuyển giao
finding-consolidation = Gộp bước

## Số liệu

metric-steps = Số bước
metric-touchpoints = Số điểm tiếp xúc
metric-channels = Số kênh
metric-expected-steps-taken = Số bước đã đi
metric-expected-contacts = Số lần liên hệ
metric-expected-duration = Thời lượng
metric-expected-waiting-at-contacts = Thời gian chờ khi tiếp xúc
metric-expected-cost = Chi phí
metric-expected-emotion = Cảm xúc
metric-channel-switches = Số lần đổi kênh
metric-lane-hand-offs = Số lần chuyển giao giữa các làn
metric-pain-points-met = Số điểm đau gặp phải
metric-chance-of-a-risk = Khả năng gặp rủi ro
metric-customer-effort = Công sức của khách hàng
