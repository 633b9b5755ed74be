import type { LandFormValues, ProjectFormValues } from '@/lib/validations/sections';

// The file of the correction tests (observations, correction window): what arrives at SERVIU and the
// values the applicant's forms send back when correcting it.

/** The submitted Terreno and Proyecto of the fixture (the 2022 call antecedents), as the file arrives at SERVIU. */
export const SUBMITTED_SECTIONS = {
  proyecto: { projectType: 'construccion_nuevos_terrenos', typologies: [{ name: 'Casa A', areaM2: '55.4', bedrooms: 3 }] },
  terreno: {
    situation: 'dominio',
    address: 'Av. Los Castaños 1200',
    rolAvaluo: '1234-56',
    dominio: { conservador: 'Santiago', fojas: '1234', numero: '567', anio: '2019' },
  },
};

export function landValues(fojas: string): LandFormValues {
  return {
    situation: 'dominio',
    address: 'Av. Los Castaños 1200',
    rolAvaluo: '1234-56',
    dominio: { conservador: 'Santiago', fojas, numero: '567', anio: '2019' },
    promesa: { notary: '', signedOn: '', sellerName: '', sellerRut: '', sellerTitle: { conservador: '', fojas: '', numero: '', anio: '' } },
  };
}

export function projectValues(band2Price: string, projectName: string): ProjectFormValues {
  return {
    projectName,
    comunaCode: '13110',
    projectType: 'construccion_nuevos_terrenos',
    typologies: [{ name: 'Casa A', areaM2: '55,4', bedrooms: '3' }],
    dwellings: [
      { band: '1', count: '1', priceUf: '1200' },
      { band: '2', count: '4', priceUf: band2Price },
    ],
  };
}

/** The reason a reviewer gives when taking the fixture's file into review (every move carries one). */
export const REVIEW_REASON = 'Se inicia la revisión técnica de la postulación enviada.';
