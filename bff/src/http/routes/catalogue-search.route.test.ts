import { startTestBff, type TestBff } from '../../../../test/support/bff';

describe('department and doctor search, doctor profiles', () => {
  let bff: TestBff;
  let token: string;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'catalogue-search' });
    token = await bff.login('searcher');
  });
  afterAll(async () => {
    await bff?.close();
  });
  const search = (q: string) => bff.request('GET', `/api/catalogue/search?q=${encodeURIComponent(q)}`, { token });

  it('finds bookable departments by name, with their level-1 group and location', async () => {
    const r = await search('内科');
    expect(r.status).toBe(200);
    expect(r.body.departments.map((d: { code: string }) => d.code)).toEqual(['NK01', 'NK02', 'EK01']);
    expect(r.body.departments[0]).toMatchObject({ name: '心血管内科', parentName: '内科', address: '门诊楼二楼A区' });
    // Level-1 groups are not bookable and are not offered.
    expect(r.body.departments.some((d: { code: string }) => d.code === 'NK')).toBe(false);
  });

  it('finds doctors by name and by what they treat; names first, then descriptions', async () => {
    expect((await search('陈建国')).body.doctors.map((d: { code: string }) => d.code)).toEqual(['D011A']);
    const byDisease = await search('高血压');
    expect(byDisease.body.doctors.map((d: { code: string }) => d.code)).toEqual(['D011A']);
    expect(byDisease.body.doctors[0]).toMatchObject({ departmentName: '心血管内科', title: '主任医师' });
    // 高血压 is in 心血管内科's summary too.
    expect(byDisease.body.departments.map((d: { code: string }) => d.code)).toEqual(['NK01']);
    // 儿 is in 小儿内科's and 新生儿科's names, and only in 儿科楼 / 儿童… descriptions elsewhere: names first.
    const r = await search('哮喘');
    expect(r.body.departments.map((d: { code: string }) => d.code)).toEqual(['EK01']);
    expect(r.body.doctors.map((d: { code: string }) => d.code)).toEqual(['D031E']);
  });

  it('ignores case, width and spaces; an empty query is refused; nothing found is an empty answer', async () => {
    expect((await search(' 心血管 ')).body.departments.map((d: { code: string }) => d.code)).toEqual(['NK01']);
    expect((await search('心血管 内科')).body.departments.map((d: { code: string }) => d.code)).toEqual(['NK01']);
    expect((await search('  ')).status).toBe(400);
    expect((await search('牙科')).body).toEqual({ departments: [], doctors: [] });
    expect((await bff.request('GET', '/api/catalogue/search?q=x')).status).toBe(401);
  });

  it('a doctor profile: title, academic title, specialty, introduction, photo, place and own schedules', async () => {
    const r = await bff.request('GET', '/api/catalogue/doctors/D011A', { token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      code: 'D011A',
      name: '陈建国',
      title: '主任医师',
      academicTitle: '教授',
      specialty: '冠心病介入治疗、高血压',
      photoUrl: 'https://sim.hospital.example/photo/D011A.jpg',
      departmentName: '心血管内科',
      departmentAddress: '门诊楼二楼A区',
    });
    expect(typeof r.body.summary).toBe('string');
    expect(r.body.schedules.length).toBeGreaterThan(0);
    expect(r.body.schedules.every((s: { doctorCode: string }) => s.doctorCode === 'D011A')).toBe(true);
    expect((await bff.request('GET', '/api/catalogue/doctors/NOPE', { token })).status).toBe(404);
    expect((await bff.request('GET', '/api/catalogue/doctors/bad%20code', { token })).status).toBe(400);
  });

  it('search costs HIS nothing once the catalogue is cached', async () => {
    await search('外科');
    const before = bff.sims.his!.calls.length;
    for (const q of ['骨科', '王磊', '甲状腺', '儿']) await search(q);
    expect(bff.sims.his!.calls.length).toBe(before);
  });
});
